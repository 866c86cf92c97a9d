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
 * Paces requests by the provider's rate-limit headers, shared by every sender of a run.
 * - Until the first answer shows whether there is a limit, one request goes out at a time.
 * - With a limit (ratelimit-limit per second): one request in flight, spaced 1/limit apart; when
 *   ratelimit-remaining reaches 0, the next waits until the window has surely ended: the provider
 *   opened it when the window's first request arrived, at the latest when that request was answered.
 * - After a 429, every sender waits out retry-after.
 */
export class Pacer {
  private nextAt = 0;
  private pausedUntil = 0;
  private intervalMs = 0;
  private limited = false;
  private learned = false;
  private inFlight = 0;
  private windowEnd = 0;
  private waiters: (() => void)[] = [];

  // Margin after the computed window end, for clock and scheduling granularity.
  constructor(private readonly marginMs = 15) {}

  async acquire(): Promise<void> {
    for (;;) {
      if ((!this.learned || this.limited) && this.inFlight > 0) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      const now = Date.now();
      const at = Math.max(this.nextAt, this.pausedUntil);
      if (at <= now) {
        this.inFlight++;
        this.nextAt = now + this.intervalMs;
        return;
      }
      await sleep(at - now);
    }
  }

  observe(rate: RateInfo | undefined, rateLimited: boolean): void {
    const now = Date.now();
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.learned = true;
    if (rate?.limit && rate.limit > 0) {
      this.limited = true;
      this.intervalMs = Math.ceil(1000 / rate.limit);
      if (rate.remaining === rate.limit - 1) this.windowEnd = now + 1000 + this.marginMs;
      if (rate.remaining === 0) this.pausedUntil = Math.max(this.pausedUntil, this.windowEnd);
    }
    if (rateLimited) this.pausedUntil = Math.max(this.pausedUntil, now + (rate?.retryAfterMs ?? rate?.resetMs ?? 1000));
    for (const wake of this.waiters.splice(0)) wake();
  }
}
