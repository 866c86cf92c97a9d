import { describe, expect, it } from "vitest";
import {
  addDays,
  DAY_MS,
  daysBetween,
  isCalendarDay,
  isoDate,
  isoWeek,
  isoWeekKey,
  mondayOfIsoWeek,
  parseDay,
  todayUtc,
  utcDay,
} from "@/lib/time";

describe("UTC days", () => {
  it("truncates a moment to its UTC midnight", () => {
    expect(utcDay(new Date("2025-03-14T13:00:00Z")).toISOString()).toBe("2025-03-14T00:00:00.000Z");
    expect(utcDay(new Date("2025-03-14T23:30:00+02:00")).toISOString()).toBe("2025-03-14T00:00:00.000Z");
  });

  it("writes and parses YYYY-MM-DD in UTC", () => {
    expect(isoDate(new Date("2025-03-14T23:59:59Z"))).toBe("2025-03-14");
    expect(parseDay("2025-03-14").toISOString()).toBe("2025-03-14T00:00:00.000Z");
    expect(todayUtc(new Date("2025-03-15T00:00:01+01:00"))).toBe("2025-03-14");
  });

  it("accepts only real calendar days", () => {
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2025-02-29")).toBe(false);
    expect(isCalendarDay("2025-02-30")).toBe(false);
    expect(isCalendarDay("2025-3-14")).toBe(false);
    expect(isCalendarDay("yesterday")).toBe(false);
  });

  it("adds days across month and year boundaries", () => {
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(parseDay(addDays("2025-03-14", 7)).getTime() - parseDay("2025-03-14").getTime()).toBe(7 * DAY_MS);
    expect(daysBetween("2024-12-30", "2025-01-02")).toEqual(["2024-12-30", "2024-12-31", "2025-01-01", "2025-01-02"]);
    expect(daysBetween("2025-01-02", "2025-01-01")).toEqual([]);
  });
});

describe("ISO weeks", () => {
  it("numbers weeks across year boundaries", () => {
    expect(isoWeekKey(parseDay("2025-03-14"))).toBe("2025-W11");
    expect(isoWeekKey(parseDay("2024-12-30"))).toBe("2025-W01");
    expect(isoWeekKey(parseDay("2021-01-03"))).toBe("2020-W53");
    expect(isoWeek(new Date("2026-01-01T00:00:00Z"))).toMatchObject({ year: 2026, week: 1 });
    expect(isoWeek(new Date("2025-03-16T23:00:00Z")).monday.toISOString()).toBe("2025-03-10T00:00:00.000Z");
  });

  it("finds the Monday of a numbered week, the inverse of isoWeek", () => {
    expect(isoDate(mondayOfIsoWeek(2025, 11))).toBe("2025-03-10");
    expect(isoDate(mondayOfIsoWeek(2025, 1))).toBe("2024-12-30");
    expect(isoDate(mondayOfIsoWeek(2020, 53))).toBe("2020-12-28");
    for (let t = parseDay("2019-12-20").getTime(); t < parseDay("2027-01-10").getTime(); t += 3 * DAY_MS) {
      const { year, week, monday } = isoWeek(new Date(t));
      expect(mondayOfIsoWeek(year, week).getTime()).toBe(monday.getTime());
    }
  });
});
