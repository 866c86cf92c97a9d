import { describe, expect, it } from "vitest";
import { describeMoment, describeWait } from "@/lib/digest/preview";

describe("when the next digest goes out", () => {
  it("says it in UTC and in hours", () => {
    expect(describeMoment(new Date("2026-11-30T08:00:00Z"))).toBe("Monday, 30 November 2026 at 08:00 UTC");
    const hour = 3_600_000;
    expect(describeWait(5 * 60_000)).toBe("within a few minutes");
    expect(describeWait(hour)).toBe("in about an hour");
    expect(describeWait(9.6 * hour)).toBe("in 10 hours");
    expect(describeWait(33.5 * hour)).toBe("in 34 hours");
    expect(describeWait(80 * hour)).toBe("in 3 days (80 hours)");
  });
});
