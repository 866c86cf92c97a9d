import { beforeEach, describe, expect, it } from "vitest";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { resetDb, testDb } from "@/tests/helpers/db";

describe("consumeRateLimit (fixed window on rate_limits)", () => {
  beforeEach(resetDb);

  it("allows `limit` hits per window, then refuses with the time left", async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit("k", 3, 60_000));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[0]!.retryAfterMs).toBe(0);
    expect(results[3]!.retryAfterMs).toBeGreaterThan(0);
    expect(results[3]!.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it("starts a new window once the old one has ended", async () => {
    for (let i = 0; i < 3; i++) await consumeRateLimit("k", 2, 60_000);
    await testDb().rateLimit.update({ where: { key: "k" }, data: { windowEnd: new Date(Date.now() - 1) } });
    const fresh = await consumeRateLimit("k", 2, 60_000);
    expect(fresh).toEqual({ ok: true, remaining: 1, retryAfterMs: 0 });
    expect((await testDb().rateLimit.findUniqueOrThrow({ where: { key: "k" } })).count).toBe(1);
  });

  it("counts concurrent hits exactly (one atomic upsert)", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit("burst", 5, 60_000)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect((await testDb().rateLimit.findUniqueOrThrow({ where: { key: "burst" } })).count).toBe(20);
  });

  it("keeps keys apart", async () => {
    expect((await consumeRateLimit("a", 1, 60_000)).ok).toBe(true);
    expect((await consumeRateLimit("b", 1, 60_000)).ok).toBe(true);
    expect((await consumeRateLimit("a", 1, 60_000)).ok).toBe(false);
  });
});
