// Retry timing and request pacing shared by every sender of a run.
import type { RateInfo } from "@/lib/mail/types";

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
export function backoffMs(
  attempt: number,
  policy: RetryPolicy,
  rate?: RateInfo,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  const asked = rate?.retryAfterMs ?? (rate?.remaining === 0 ? rate.resetMs : undefined) ?? 0;
  return Math.max(jittered, Math.min(asked, policy.maxDelayMs * 4));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Paces requests by the provider's rate-limit headers, shared by every sender of a run.
 * - Until the first answer shows whether there is a limit, one request goes out at a time.
 * - Without a limit, requests go out as fast as the senders bring them.
 * - With a limit of N per second (ratelimit-limit), the provider counts requests in a fixed window that
 *   opens when the window's first request arrives. A window's first request goes out alone; its answer
 *   bounds when the window opened (at the latest then), so the window surely ends one second (plus a small
 *   margin) after that answer. The other N-1 then go out at once, not one after another (a slow request
 *   does not hold back the rest), and the next window's first request waits for that end.
 *   `ratelimit-remaining` can only lower N (another client sharing the key), never raise it.
 * - After a 429, every sender waits out retry-after.
 * acquire() returns a ticket that observe() takes back, so an answer is counted in its own window.
 */
export class Pacer {
  private learned = false;
  private limit = 0;
  private inFlight = 0;
  private pausedUntil = 0;
  /** The window being filled: its number, how many went out in it, how many may, when it surely ends. */
  private window = 0;
  private open = false;
  private sentInWindow = 0;
  private inFlightInWindow = 0;
  private cap = 0;
  private windowEnd = Number.POSITIVE_INFINITY;
  private waiters: (() => void)[] = [];

  // Margin after the computed window end, for clock and scheduling granularity.
  constructor(
    private readonly marginMs = 15,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(): Promise<number> {
    for (;;) {
      const now = this.now();
      if (now < this.pausedUntil) {
        await sleep(this.pausedUntil - now);
        continue;
      }
      if (!this.learned && this.inFlight > 0) {
        await this.nextAnswer();
        continue;
      }
      if (this.limit > 0) {
        if (this.open && now >= this.windowEnd) this.open = false;
        if (!this.open) {
          this.open = true;
          this.window++;
          this.sentInWindow = 0;
          this.inFlightInWindow = 0;
          this.cap = this.limit;
          this.windowEnd = Number.POSITIVE_INFINITY;
        } else if (!Number.isFinite(this.windowEnd)) {
          // The window's first request is out and unanswered: its answer tells when the window ends.
          await this.nextAnswer();
          continue;
        } else if (this.sentInWindow >= this.cap) {
          await sleep(this.windowEnd - now);
          continue;
        }
        this.sentInWindow++;
        this.inFlightInWindow++;
      }
      this.inFlight++;
      return this.window;
    }
  }

  observe(ticket: number, rate: RateInfo | undefined, rateLimited: boolean): void {
    const now = this.now();
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.learned = true;
    const current = this.open && ticket === this.window;
    if (current) this.inFlightInWindow = Math.max(0, this.inFlightInWindow - 1);
    if (rate?.limit && rate.limit > 0) {
      if (this.limit === 0) {
        // The first request went out before the limit was known: it opened this window.
        this.limit = rate.limit;
        this.open = true;
        this.window++;
        this.sentInWindow = 1;
        this.inFlightInWindow = 0;
        this.cap = rate.limit;
        this.windowEnd = now + 1000 + this.marginMs;
      } else {
        this.limit = rate.limit;
        if (current && rate.remaining !== undefined) {
          this.cap = Math.min(this.cap, this.sentInWindow + Math.max(0, rate.remaining - this.inFlightInWindow));
        }
      }
    }
    if (current && this.limit > 0) {
      // An answer from the provider bounds the window (every request of it was sent before now). Without
      // one (a network error) the window may never have opened: the next request opens it again, alone.
      if (rate) this.windowEnd = Math.min(this.windowEnd, now + 1000 + this.marginMs);
      else if (!Number.isFinite(this.windowEnd)) this.open = false;
    }
    if (rateLimited) {
      this.pausedUntil = Math.max(this.pausedUntil, now + (rate?.retryAfterMs ?? rate?.resetMs ?? 1000));
      this.open = false; // the next request after the pause opens a new window
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  private nextAnswer(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
