// Feed periods: a UTC day, an ISO week (Monday to Sunday) or a calendar month.
// Pure date arithmetic on "YYYY-MM-DD" strings so pages, API and tests agree.

export const PERIODS = ["day", "week", "month"] as const;
export type Period = (typeof PERIODS)[number];

const DAY_MS = 86_400_000;

export function parseDay(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return formatDay(new Date(parseDay(day).getTime() + days * DAY_MS));
}

/** Half-open range [from, to) of the period containing `day`. */
export function periodRange(period: Period, day: string): { from: string; to: string } {
  const d = parseDay(day);
  if (period === "day") return { from: day, to: addDays(day, 1) };
  if (period === "week") {
    const isoWeekday = (d.getUTCDay() + 6) % 7; // Monday = 0
    const from = addDays(day, -isoWeekday);
    return { from, to: addDays(from, 7) };
  }
  const from = formatDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
  const to = formatDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
  return { from, to };
}

/** ISO week label, e.g. "2025-W11". */
export function isoWeek(day: string): string {
  const d = parseDay(day);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Human label of a period, e.g. "Fri, 14 March 2025", "Week 2025-W11 (10–16 March 2025)", "March 2025". */
export function periodLabel(period: Period, day: string): string {
  const d = parseDay(day);
  if (period === "day") {
    const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()];
    return `${weekday}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  }
  if (period === "week") {
    const { from, to } = periodRange("week", day);
    const a = parseDay(from);
    const b = parseDay(addDays(to, -1));
    return `Week ${isoWeek(day)} (${a.getUTCDate()} ${MONTHS[a.getUTCMonth()]} – ${b.getUTCDate()} ${MONTHS[b.getUTCMonth()]} ${b.getUTCFullYear()})`;
  }
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
