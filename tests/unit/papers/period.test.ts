import { describe, expect, it } from "vitest";
import { periodLabel, periodRange } from "@/lib/papers/period";

describe("feed periods", () => {
  it("a day is [day, next day)", () => {
    expect(periodRange("day", "2025-03-14")).toEqual({ from: "2025-03-14", to: "2025-03-15" });
    expect(periodRange("day", "2024-12-31")).toEqual({ from: "2024-12-31", to: "2025-01-01" });
  });

  it("a week is the ISO week, Monday to Sunday", () => {
    expect(periodRange("week", "2025-03-14")).toEqual({ from: "2025-03-10", to: "2025-03-17" });
    expect(periodRange("week", "2025-03-10")).toEqual({ from: "2025-03-10", to: "2025-03-17" });
    expect(periodRange("week", "2025-03-16")).toEqual({ from: "2025-03-10", to: "2025-03-17" });
    expect(periodRange("week", "2025-01-01")).toEqual({ from: "2024-12-30", to: "2025-01-06" });
  });

  it("a month is the calendar month, leap years included", () => {
    expect(periodRange("month", "2025-03-14")).toEqual({ from: "2025-03-01", to: "2025-04-01" });
    expect(periodRange("month", "2024-02-29")).toEqual({ from: "2024-02-01", to: "2024-03-01" });
    expect(periodRange("month", "2024-12-05")).toEqual({ from: "2024-12-01", to: "2025-01-01" });
  });

  it("labels ISO weeks across year boundaries", () => {
    expect(periodLabel("week", "2024-12-30")).toBe("Week 2025-W01 (30 December – 5 January 2025)");
    expect(periodLabel("week", "2025-03-14")).toBe("Week 2025-W11 (10 March – 16 March 2025)");
    expect(periodLabel("day", "2025-03-14")).toBe("Fri, 14 March 2025");
    expect(periodLabel("month", "2025-03-14")).toBe("March 2025");
  });
});
