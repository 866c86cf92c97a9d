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
  MONTHS,
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
  /**
   * For subjects: "Friday, 14 March 2025", or for a weekly digest the week of its papers (the week
   * before the one it is sent in): "Week 10, 2025 (3–9 March)".
   */
  label: string;
  /** The feed view of the period's papers, for the "see all" link: a day, or the week of `label`. */
  feed: { period: "day" | "week"; date: string };
};

/** "Friday, 14 March 2025". */
export function dayLabel(day: Date): string {
  return day.toLocaleDateString("en-GB", {
    timeZone: "UTC",
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
}

/** "21 August 2026", or a range: "30 July – 21 August 2026", "3 December 2025 – 2 January 2026". */
export function rangeLabel(from: Date, to: Date): string {
  const d = (x: Date, year: boolean) =>
    `${x.getUTCDate()} ${MONTHS[x.getUTCMonth()]}${year ? ` ${x.getUTCFullYear()}` : ""}`;
  if (isoDate(from) === isoDate(to)) return d(to, true);
  return `${d(from, from.getUTCFullYear() !== to.getUTCFullYear())} – ${d(to, true)}`;
}

/** "Week 10, 2025 (3–9 March)": the ISO week holding `day`, with its Monday-to-Sunday dates. */
export function weekLabel(day: Date): string {
  const { year, week, monday } = isoWeek(day);
  const sunday = new Date(monday.getTime() + 6 * DAY_MS);
  const to = `${sunday.getUTCDate()} ${MONTHS[sunday.getUTCMonth()]}`;
  const range =
    monday.getUTCMonth() === sunday.getUTCMonth()
      ? `${monday.getUTCDate()}–${to}`
      : `${monday.getUTCDate()} ${MONTHS[monday.getUTCMonth()]} – ${to}`;
  return `Week ${week}, ${year} (${range})`;
}

export function periodFor(frequency: Frequency, now: Date, hour: number): DigestPeriod {
  const today = utcDay(now);
  if (frequency === "daily") {
    return {
      frequency,
      key: isoDate(today),
      dueAt: new Date(today.getTime() + hour * HOUR_MS),
      day: today,
      defaultSince: new Date(today.getTime() - DAY_MS),
      label: dayLabel(today),
      // Yesterday: the day a morning digest's papers were featured (today's are mostly still to come).
      feed: { period: "day", date: isoDate(new Date(today.getTime() - DAY_MS)) },
    };
  }
  const { monday } = isoWeek(now);
  // Sent on a Monday, a weekly digest carries the papers of the week before.
  const papersWeek = new Date(monday.getTime() - 7 * DAY_MS);
  return {
    frequency,
    key: isoWeekKey(now),
    dueAt: new Date(monday.getTime() + hour * HOUR_MS),
    day: today,
    defaultSince: papersWeek,
    label: weekLabel(papersWeek),
    feed: { period: "week", date: isoDate(papersWeek) },
  };
}

/** The period after `period` (the next day, or the next ISO week). */
export function nextPeriod(period: DigestPeriod, hour: number): DigestPeriod {
  const step = period.frequency === "daily" ? DAY_MS : 7 * DAY_MS;
  const start = period.frequency === "daily" ? period.day : isoWeek(period.day).monday;
  return periodFor(period.frequency, new Date(start.getTime() + step), hour);
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
