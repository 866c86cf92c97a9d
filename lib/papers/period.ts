// Feed periods: a UTC day, an ISO week (Monday to Sunday) or a calendar month.
// Pure date arithmetic on "YYYY-MM-DD" strings so pages, API and tests agree.
import { addDays, isoDate, isoWeek, isoWeekKey, MONTHS, parseDay } from "@/lib/time";

export const FEED_PERIODS = ["day", "week", "month"] as const;
export type FeedPeriod = (typeof FEED_PERIODS)[number];

/** Half-open range [from, to) of the period containing `day`. */
export function periodRange(period: FeedPeriod, day: string): { from: string; to: string } {
  const d = parseDay(day);
  if (period === "day") return { from: day, to: addDays(day, 1) };
  if (period === "week") {
    const from = isoDate(isoWeek(d).monday);
    return { from, to: addDays(from, 7) };
  }
  const from = isoDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
  const to = isoDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
  return { from, to };
}

/** Human label of a period, e.g. "Fri, 14 March 2025", "Week 2025-W11 (10–16 March 2025)", "March 2025". */
export function periodLabel(period: FeedPeriod, day: string): string {
  const d = parseDay(day);
  if (period === "day") {
    const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()];
    return `${weekday}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  }
  if (period === "week") {
    const { from, to } = periodRange("week", day);
    const a = parseDay(from);
    const b = parseDay(addDays(to, -1));
    return `Week ${isoWeekKey(d)} (${a.getUTCDate()} ${MONTHS[a.getUTCMonth()]} – ${b.getUTCDate()} ${MONTHS[b.getUTCMonth()]} ${b.getUTCFullYear()})`;
  }
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
