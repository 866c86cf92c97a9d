import { describe, expect, it } from "vitest";
import { publicSummary } from "@/lib/digest/cron";
import { batchKeyFor } from "@/lib/digest/ledger";
import { backoffMs, DEFAULT_RETRY, Pacer } from "@/lib/digest/pacing";
import { periodFor, periodFromKey } from "@/lib/digest/period";
import { excerpt, reasonFor } from "@/lib/digest/render";
import { type Candidate, choosePapers, normalizePhrase, sinceFor } from "@/lib/digest/select";
import { signWebhook, verifyWebhook } from "@/lib/digest/webhook";
import { rateInfo } from "@/lib/mail/resend";

describe("period keys", () => {
  it("keys a daily period by its UTC date, due at the configured hour", () => {
    const p = periodFor("daily", new Date("2025-03-14T23:30:00+02:00"), 8);
    expect(p.key).toBe("2025-03-14");
    expect(p.dueAt.toISOString()).toBe("2025-03-14T08:00:00.000Z");
    expect(p.label).toBe("Friday, 14 March 2025");
  });

  it("keys a weekly period by ISO week, due on its Monday", () => {
    expect(periodFor("weekly", new Date("2025-03-14T09:00:00Z"), 8)).toMatchObject({
      key: "2025-W11",
      label: "Week 11, 2025",
    });
    expect(periodFor("weekly", new Date("2025-03-14T09:00:00Z"), 8).dueAt.toISOString()).toBe(
      "2025-03-10T08:00:00.000Z",
    );
    expect(periodFor("weekly", new Date("2021-01-03T12:00:00Z"), 8).key).toBe("2020-W53");
    expect(periodFor("weekly", new Date("2024-12-30T12:00:00Z"), 8).key).toBe("2025-W01");
  });

  it("re-derives a period from its key, and rejects malformed keys", () => {
    for (const at of ["2025-03-14T09:00:00Z", "2021-01-03T12:00:00Z", "2024-12-30T12:00:00Z"]) {
      for (const f of ["daily", "weekly"] as const) {
        const p = periodFor(f, new Date(at), 8);
        expect(periodFromKey(f, p.key, 8)?.key).toBe(p.key);
      }
    }
    expect(periodFromKey("daily", "2025-02-30", 8)).toBeNull();
    expect(periodFromKey("weekly", "2025-W60", 8)).toBeNull();
    expect(periodFromKey("weekly", "2025-11", 8)).toBeNull();
  });
});

describe("choosing papers", () => {
  const c = (id: number, topicIds: number[], text = "", featuredOn = "2025-03-14"): Candidate => ({
    id,
    topicIds,
    text: ` ${normalizePhrase(text)} `,
    featuredOn: new Date(`${featuredOn}T00:00:00Z`),
  });
  const sub = { id: 1, allTopics: false, keywords: [] as string[], topicIds: [7], lastDigestAt: null };
  const since = new Date("2025-03-13T00:00:00Z");

  it("keeps ranking order, matches topics or keyword phrases, skips sent and older papers, caps the count", () => {
    const candidates = [
      c(1, [7]),
      c(2, [8], "we use mixture of experts here"),
      c(3, [7], "", "2025-03-01"),
      c(4, [7]),
      c(5, [7]),
    ];
    expect(choosePapers(candidates, { ...sub, keywords: ["Mixture  of Experts"] }, new Set([4]), since, 10)).toEqual([
      1, 2, 5,
    ]);
    expect(choosePapers(candidates, sub, undefined, since, 2)).toEqual([1, 4]);
    expect(choosePapers(candidates, { ...sub, topicIds: [], allTopics: true }, undefined, since, 10)).toEqual([
      1, 2, 4, 5,
    ]);
    expect(choosePapers(candidates, { ...sub, topicIds: [9] }, undefined, since, 10)).toEqual([]);
  });

  it("matches keyword phrases as whole words, case- and punctuation-insensitive", () => {
    const candidates = [
      c(1, [], "Deep RL agents"),
      c(2, [], "A world model"),
      c(3, [], "Mixture-of-Experts routing"),
      c(4, [], "Fast C++ kernels"),
    ];
    const keywords = (k: string[]) =>
      choosePapers(candidates, { ...sub, topicIds: [], keywords: k }, undefined, since, 10);
    expect(keywords(["rl"])).toEqual([1]);
    expect(keywords(["mixture of experts"])).toEqual([3]);
    expect(keywords(["C++"])).toEqual([4]);
    expect(keywords(["  "])).toEqual([]);
  });

  it("looks back from the last digest's day, at most 30 days", () => {
    const day = new Date("2025-03-14T00:00:00Z");
    expect(sinceFor({ lastDigestAt: new Date("2025-03-12T08:00:00Z") }, since, day).toISOString()).toBe(
      "2025-03-12T00:00:00.000Z",
    );
    expect(sinceFor({ lastDigestAt: null }, since, day)).toEqual(since);
    expect(sinceFor({ lastDigestAt: new Date("2024-01-01T00:00:00Z") }, since, day).toISOString()).toBe(
      "2025-02-12T00:00:00.000Z",
    );
  });
});

describe("rendering helpers", () => {
  it("cuts excerpts at a word boundary", () => {
    expect(excerpt("short  text")).toBe("short text");
    const long = excerpt("word ".repeat(100), 50);
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith("word…")).toBe(true);
  });

  it("explains why someone gets the email", () => {
    const topics = new Map([
      [1, { id: 1, slug: "a", name: "Agents" }],
      [2, { id: 2, slug: "b", name: "Biology" }],
    ]);
    expect(reasonFor({ allTopics: false, topicIds: [2, 1], keywords: ["rlhf"] }, topics)).toBe(
      'the topics Agents, Biology and the keyword "rlhf"',
    );
    expect(reasonFor({ allTopics: true, topicIds: [], keywords: [] }, topics)).toBe("all topics");
  });
});

describe("batch idempotency keys", () => {
  const run = { id: 7, startedAt: new Date("2025-03-14T08:00:00Z") };
  it("depend on the run and exactly the recipients, not their order", () => {
    expect(batchKeyFor(run, [3, 1, 2])).toBe(batchKeyFor(run, [1, 2, 3]));
    expect(batchKeyFor(run, [1, 2])).not.toBe(batchKeyFor(run, [1, 2, 3]));
    expect(batchKeyFor({ ...run, id: 8 }, [1, 2, 3])).not.toBe(batchKeyFor(run, [1, 2, 3]));
    expect(batchKeyFor(run, [1]).length).toBeLessThanOrEqual(256);
  });
});

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

describe("webhook signatures", () => {
  const secret = `whsec_${Buffer.from("a-very-secret-signing-key-32byte").toString("base64")}`;
  const body = JSON.stringify({ type: "email.bounced", data: { to: ["a@example.com"] } });
  const now = 1_742_000_000_000;
  const ts = Math.floor(now / 1000);
  const headers = (signature: string, timestamp = String(ts), id = "msg_1") => ({ id, timestamp, signature });

  it("accepts a valid signature, also among several (key rotation)", () => {
    const sig = signWebhook(secret, "msg_1", ts, body);
    expect(verifyWebhook(secret, headers(sig), body, now)).toEqual({ ok: true });
    expect(verifyWebhook(secret, headers(`v1,AAAA ${sig}`), body, now)).toEqual({ ok: true });
  });

  it("rejects a tampered body, another id, another secret, missing headers and old or future timestamps", () => {
    const sig = signWebhook(secret, "msg_1", ts, body);
    expect(verifyWebhook(secret, headers(sig), body.replace("a@", "b@"), now)).toMatchObject({
      ok: false,
      reason: "badSignature",
    });
    expect(verifyWebhook(secret, headers(sig, String(ts), "msg_2"), body, now)).toMatchObject({
      ok: false,
      reason: "badSignature",
    });
    const other = `whsec_${Buffer.from("another-secret-signing-key-32byt").toString("base64")}`;
    expect(verifyWebhook(other, headers(sig), body, now)).toMatchObject({ ok: false, reason: "badSignature" });
    expect(verifyWebhook(secret, { id: null, timestamp: String(ts), signature: sig }, body, now)).toMatchObject({
      ok: false,
      reason: "missingHeaders",
    });
    expect(verifyWebhook(secret, headers(sig), body, now + 301_000)).toMatchObject({
      ok: false,
      reason: "badTimestamp",
    });
    expect(verifyWebhook(secret, headers(sig), body, now - 301_000)).toMatchObject({
      ok: false,
      reason: "badTimestamp",
    });
    expect(verifyWebhook(secret, headers("v2,abc"), body, now)).toMatchObject({ ok: false, reason: "badSignature" });
  });
});

describe("cron summary", () => {
  it("never returns internal error text to the caller", () => {
    const summary = {
      status: "failed" as const,
      frequency: "daily" as const,
      periodKey: "2025-03-14",
      sent: 0,
      skipped: 0,
      failed: 0,
      retried: 0,
      durationMs: 1,
      error: "connect ECONNREFUSED 10.0.0.1",
    };
    expect(JSON.stringify(publicSummary(summary))).not.toContain("ECONNREFUSED");
  });
});
