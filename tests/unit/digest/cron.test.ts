import { describe, expect, it } from "vitest";
import { publicSummary } from "@/lib/digest/cron";

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
