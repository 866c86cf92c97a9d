// Retry timing and request pacing shared by every sender of a run.
import type { RateInfo } from "../mail/types";

export type RetryPolicy = {
  /** Attempts per batch before the run gives up (and is resumed by the next trigger). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per-request timeout: the SDK has none, and a lost response must not hang the run. */
  timeoutMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 30_000 };

/** Exponential backoff with full jitter, but never sooner than the provider asked. */
export function backoffMs(attempt: number, policy: RetryPolicy, rate?: RateInfo, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  const asked = rate?.retryAfterMs ?? (rate?.remaining === 0 ? rate.resetMs : undefined) ?? 0;
  return Math.max(jittered, Math.min(asked, policy.maxDelayMs * 4));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Spaces requests by what the provider's ratelimit-limit header says (per
 * second), and holds every sender after a 429 until retry-after has passed,
 * so concurrent senders don't hammer a limit they already hit. Until the first
 * answer shows whether there is a limit, one request goes out at a time.
 */
export class Pacer {
  private nextAt = 0;
  private pausedUntil = 0;
  private intervalMs = 0;
  private probe: Promise<void> | null = null;
  private releaseProbe: (() => void) | null = null;
  private learned = false;
  private lastAt = 0;
  // Slack over the exact limit: the provider counts arrivals, and a request delayed on the way
  // (a busy network or server) would otherwise land in the next request's window.
  constructor(private readonly slack = 1.05) {}

  async acquire(): Promise<void> {
    while (!this.learned && this.probe) await this.probe;
    if (!this.learned) this.probe = new Promise((resolve) => (this.releaseProbe = resolve));
    for (;;) {
      const now = Date.now();
      const at = Math.max(this.nextAt, this.pausedUntil);
      if (at <= now) {
        this.lastAt = now;
        this.nextAt = now + this.intervalMs;
        return;
      }
      await sleep(at - now);
    }
  }

  observe(rate: RateInfo | undefined, rateLimited: boolean): void {
    // The first request may have spent a while connecting: the provider counted it on arrival,
    // which can be as late as its answer, so spacing starts from there.
    if (!this.learned) this.lastAt = Date.now();
    if (rate?.limit && rate.limit > 0) {
      this.intervalMs = Math.ceil((1000 / rate.limit) * this.slack);
      // Space the next request from the last one sent, not from when the limit became known.
      this.nextAt = Math.max(this.nextAt, this.lastAt + this.intervalMs);
    }
    if (rateLimited) {
      const wait = rate?.retryAfterMs ?? rate?.resetMs ?? 1000;
      this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
    }
    if (!this.learned) {
      this.learned = true;
      this.releaseProbe?.();
    }
  }
}
