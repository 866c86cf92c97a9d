import { describe, expect, it } from "vitest";
import { batchKeyFor } from "@/lib/digest/ledger";

describe("batch idempotency keys", () => {
  const run = { id: 7, startedAt: new Date("2025-03-14T08:00:00Z") };
  it("depend on the run and exactly the recipients, not their order", () => {
    expect(batchKeyFor(run, [3, 1, 2])).toBe(batchKeyFor(run, [1, 2, 3]));
    expect(batchKeyFor(run, [1, 2])).not.toBe(batchKeyFor(run, [1, 2, 3]));
    expect(batchKeyFor({ ...run, id: 8 }, [1, 2, 3])).not.toBe(batchKeyFor(run, [1, 2, 3]));
    expect(batchKeyFor(run, [1]).length).toBeLessThanOrEqual(256);
  });
});
