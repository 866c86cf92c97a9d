// Period keys: one digest run per frequency and period.
//   daily:  "YYYY-MM-DD", due from DIGEST_HOUR (UTC) that day
//   weekly: ISO week "YYYY-Www", due from DIGEST_HOUR on its Monday
import { utcDay } from "@/lib/papers/score";

export type Frequency = "daily" | "weekly";
export const FREQUENCIES: readonly Frequency[] = ["daily", "weekly"];

const DAY_MS = 86_400_000;

export type Period = {
  frequency: Frequency;
  key: string;
  /** When the period's digest becomes due (the scheduler waits until then). */
  dueAt: Date;
  /** The UTC day papers are ranked against and the last featured day included. */
  day: Date;
  /** Featured-on floor for a subscriber who never had a digest. */
  defaultSince: Date;
  /** For subjects: "Friday, 14 March 2025" or "Week 11, 2025". */
  label: string;
};

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** ISO-8601 week-numbering year and week of a UTC day. */
export function isoWeek(at: Date): { year: number; week: number; monday: Date } {
  const day = utcDay(at);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(day.getTime() - weekday * DAY_MS);
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / DAY_MS / 7) + 1;
  return { year, week, monday };
}

export function periodFor(frequency: Frequency, now: Date, hour: number): Period {
  const today = utcDay(now);
  if (frequency === "daily") {
    return {
      frequency,
      key: isoDate(today),
      dueAt: new Date(today.getTime() + hour * 3_600_000),
      day: today,
      defaultSince: new Date(today.getTime() - DAY_MS),
      label: today.toLocaleDateString("en-GB", {
        timeZone: "UTC",
        weekday: "long",
        day: "numeric",
        month: "long",
        year: "numeric",
      }),
    };
  }
  const { year, week, monday } = isoWeek(now);
  return {
    frequency,
    key: `${year}-W${String(week).padStart(2, "0")}`,
    dueAt: new Date(monday.getTime() + hour * 3_600_000),
    day: today,
    defaultSince: new Date(monday.getTime() - 7 * DAY_MS),
    label: `Week ${week}, ${year}`,
  };
}

/** Re-derive a period from its stored key (a resumed run renders exactly what the first attempt did). */
export function periodFromKey(frequency: Frequency, key: string, hour: number): Period | null {
  if (frequency === "daily") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return null;
    const day = new Date(`${key}T00:00:00Z`);
    return Number.isNaN(day.getTime()) || isoDate(day) !== key ? null : periodFor("daily", day, hour);
  }
  const match = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!match) return null;
  const jan4 = Date.UTC(Number(match[1]), 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = new Date(week1Monday + (Number(match[2]) - 1) * 7 * DAY_MS);
  const period = periodFor("weekly", monday, hour);
  return period.key === key ? period : null;
}
