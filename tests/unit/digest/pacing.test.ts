import { describe, expect, it } from "vitest";
import { backoffMs, DEFAULT_RETRY, Pacer } from "@/lib/digest/pacing";
import { rateInfo } from "@/lib/mail/resend";

describe("retry timing", () => {
  const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
  it("backs off exponentially with jitter, capped", () => {
    expect(backoffMs(1, policy, undefined, () => 0)).toBe(50);
    expect(backoffMs(1, policy, undefined, () => 1)).toBe(100);
    expect(backoffMs(3, policy, undefined, () => 1)).toBe(400);
    expect(backoffMs(20, policy, undefined, () => 1)).toBe(1_000);
  });
  it("never retries sooner than retry-after or an exhausted rate-limit window says", () => {
    expect(backoffMs(1, policy, { retryAfterMs: 2_000 }, () => 0)).toBe(2_000);
    expect(backoffMs(1, policy, { remaining: 0, resetMs: 1_000 }, () => 0)).toBe(1_000);
  });
  it("reads retry-after and ratelimit-* headers", () => {
    expect(
      rateInfo({ "retry-after": "2", "ratelimit-limit": "5", "ratelimit-remaining": "0", "ratelimit-reset": "1" }),
    ).toEqual({
      retryAfterMs: 2_000,
      limit: 5,
      remaining: 0,
      resetMs: 1_000,
    });
    expect(rateInfo({ "retry-after": new Date(10_000).toUTCString() }, 5_000)).toEqual({ retryAfterMs: 5_000 });
    expect(rateInfo({ "content-type": "application/json" })).toBeUndefined();
    expect(rateInfo(null)).toBeUndefined();
  });
});

describe("request pacing", () => {
  it("lets one request out until the first answer tells whether there is a rate limit", async () => {
    const pacer = new Pacer();
    await pacer.acquire();
    let second = false;
    const waiting = pacer.acquire().then(() => (second = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(second).toBe(false);
    pacer.observe(0, undefined, false); // no ratelimit headers: unthrottled from now on
    await waiting;
    expect(second).toBe(true);
    await pacer.acquire(); // and no more waiting
  });

  it("with a limit, sends a whole window at once and opens the next a second after the window's first answer", async () => {
    let clock = 10_000;
    const pacer = new Pacer(15, () => clock);
    const first = await pacer.acquire();
    pacer.observe(first, { limit: 3, remaining: 2 }, false); // answered at 10_000: the window ends by 11_000
    const window = [await pacer.acquire(), await pacer.acquire()]; // the rest of the window, without waiting for answers
    clock = 11_010;
    let next = false;
    const waiting = pacer.acquire().then((t) => {
      next = true;
      return t;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(next).toBe(false); // 3 sent in a window of 3, which ends at 11_015
    clock = 11_015;
    const ticket = await waiting;
    expect(ticket).not.toBe(window[0]);
    // A new window's first request goes out alone: its answer tells when the window ends.
    let second = false;
    void pacer.acquire().then(() => (second = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(second).toBe(false);
    // A late answer from the old window does not move the new window's end; a 0 remaining closes it.
    pacer.observe(window[0]!, { limit: 3, remaining: 0 }, false);
    pacer.observe(ticket, { limit: 3, remaining: 1 }, false); // answered at 11_015: ends by 12_015 (+15)
    await new Promise((r) => setTimeout(r, 0));
    expect(second).toBe(true); // and the provider says 1 is left: that one is now out, the window is full
    clock = 12_020;
    let blocked = true;
    const last = pacer.acquire().then(() => (blocked = false));
    await new Promise((r) => setTimeout(r, 30));
    expect(blocked).toBe(true);
    clock = 12_030;
    await last;
  });
});
