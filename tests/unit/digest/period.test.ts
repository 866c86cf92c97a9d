import { describe, expect, it } from "vitest";
import { dayLabel, nextPeriod, periodFor, periodFromKey, rangeLabel, weekLabel } from "@/lib/digest/period";

describe("period keys", () => {
  it("keys a daily period by its UTC date, due at the configured hour", () => {
    const p = periodFor("daily", new Date("2025-03-14T23:30:00+02:00"), 8);
    expect(p.key).toBe("2025-03-14");
    expect(p.dueAt.toISOString()).toBe("2025-03-14T08:00:00.000Z");
    expect(p.label).toBe("Friday, 14 March 2025");
  });

  it("keys a weekly period by ISO week, due on its Monday, labelled by the week of its papers", () => {
    expect(periodFor("weekly", new Date("2025-03-14T09:00:00Z"), 8)).toMatchObject({
      key: "2025-W11",
      label: "Week 10, 2025 (3–9 March)",
      feed: { period: "week", date: "2025-03-03" },
    });
    // Sent on Monday 30 November 2026 (week 49): the papers of week 48.
    expect(periodFor("weekly", new Date("2026-11-30T08:00:00Z"), 8).label).toBe("Week 48, 2026 (23–29 November)");
    expect(periodFor("weekly", new Date("2025-01-06T08:00:00Z"), 8).label).toBe(
      "Week 1, 2025 (30 December – 5 January)",
    );
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

describe("labels and the next period", () => {
  it("labels days, weeks and ranges", () => {
    expect(dayLabel(new Date("2026-08-21T12:00:00Z"))).toBe("Friday, 21 August 2026");
    expect(weekLabel(new Date("2026-11-25T00:00:00Z"))).toBe("Week 48, 2026 (23–29 November)");
    expect(rangeLabel(new Date("2026-07-30T00:00:00Z"), new Date("2026-08-21T00:00:00Z"))).toBe(
      "30 July – 21 August 2026",
    );
    expect(rangeLabel(new Date("2025-12-30T00:00:00Z"), new Date("2026-01-02T00:00:00Z"))).toBe(
      "30 December 2025 – 2 January 2026",
    );
    expect(rangeLabel(new Date("2026-08-21T00:00:00Z"), new Date("2026-08-21T00:00:00Z"))).toBe("21 August 2026");
  });

  it("a daily digest links the day before it is sent; the next period is tomorrow or next week", () => {
    const daily = periodFor("daily", new Date("2026-11-28T09:00:00Z"), 8);
    expect(daily.feed).toEqual({ period: "day", date: "2026-11-27" });
    expect(nextPeriod(daily, 8)).toMatchObject({ key: "2026-11-29" });
    expect(nextPeriod(daily, 8).dueAt.toISOString()).toBe("2026-11-29T08:00:00.000Z");
    const weekly = periodFor("weekly", new Date("2026-11-28T09:00:00Z"), 8);
    expect(nextPeriod(weekly, 8)).toMatchObject({ key: "2026-W49", label: "Week 48, 2026 (23–29 November)" });
    expect(nextPeriod(weekly, 8).dueAt.toISOString()).toBe("2026-11-30T08:00:00.000Z");
  });
});
