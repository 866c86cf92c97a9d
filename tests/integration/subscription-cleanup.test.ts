import { beforeEach, describe, expect, it } from "vitest";
import { cleanupSubscriptions, PENDING_RETENTION_MS } from "@/lib/subscriptions/cleanup";
import { resetDb, testDb } from "@/tests/helpers/db";

describe("subscription cleanup", () => {
  beforeEach(resetDb);

  it("forgets addresses that never confirmed a week after the link expired, and expired rate-limit windows", async () => {
    const now = new Date("2026-11-27T12:00:00Z");
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const base = { linkSecret: "s", allTopics: true };
    const db = testDb();
    await db.subscriber.createMany({
      data: [
        {
          ...base,
          email: "stale@example.com",
          status: "pending",
          confirmTokenHash: "a",
          confirmTokenExpires: ago(PENDING_RETENTION_MS + 1000),
        },
        {
          ...base,
          email: "recent@example.com",
          status: "pending",
          confirmTokenHash: "b",
          confirmTokenExpires: ago(1000),
        },
        { ...base, email: "active@example.com", status: "active" },
        { ...base, email: "unsub@example.com", status: "unsubscribed" },
      ],
    });
    await db.rateLimit.createMany({
      data: [
        { key: "old", count: 3, windowEnd: ago(1) },
        { key: "live", count: 1, windowEnd: new Date(now.getTime() + 60_000) },
      ],
    });

    expect(await cleanupSubscriptions(now)).toEqual({ pendingDeleted: 1, rateLimitsDeleted: 1 });
    expect((await db.subscriber.findMany({ orderBy: { email: "asc" } })).map((s) => s.email)).toEqual([
      "active@example.com",
      "recent@example.com",
      "unsub@example.com",
    ]);
    expect((await db.rateLimit.findMany()).map((r) => r.key)).toEqual(["live"]);
    expect(await cleanupSubscriptions(now)).toEqual({ pendingDeleted: 0, rateLimitsDeleted: 0 });
  });
});
