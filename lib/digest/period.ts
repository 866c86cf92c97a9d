// Digest periods: one digest run per frequency and period, identified by its key.
//   daily:  "YYYY-MM-DD", due from DIGEST_HOUR (UTC) that day
//   weekly: ISO week "YYYY-Www", due from DIGEST_HOUR on its Monday
import {
  DAY_MS,
  HOUR_MS,
  isCalendarDay,
  isoDate,
  isoWeek,
  isoWeekKey,
  mondayOfIsoWeek,
  parseDay,
  utcDay,
} from "@/lib/time";

export type Frequency = "daily" | "weekly";
export const FREQUENCIES: readonly Frequency[] = ["daily", "weekly"];

export type DigestPeriod = {
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

export function periodFor(frequency: Frequency, now: Date, hour: number): DigestPeriod {
  const today = utcDay(now);
  if (frequency === "daily") {
    return {
      frequency,
      key: isoDate(today),
      dueAt: new Date(today.getTime() + hour * HOUR_MS),
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
    key: isoWeekKey(now),
    dueAt: new Date(monday.getTime() + hour * HOUR_MS),
    day: today,
    defaultSince: new Date(monday.getTime() - 7 * DAY_MS),
    label: `Week ${week}, ${year}`,
  };
}

/** Re-derive a period from its stored key (a resumed run renders exactly what the first attempt did). */
export function periodFromKey(frequency: Frequency, key: string, hour: number): DigestPeriod | null {
  if (frequency === "daily") {
    return isCalendarDay(key) ? periodFor("daily", parseDay(key), hour) : null;
  }
  const match = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!match) return null;
  const monday = mondayOfIsoWeek(Number(match[1]), Number(match[2]));
  const period = periodFor("weekly", monday, hour);
  return period.key === key ? period : null;
}
