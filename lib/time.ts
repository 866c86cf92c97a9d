// Calendar arithmetic in UTC, the one time zone the app ranks, keys and labels days in.
// A day is either a Date at UTC midnight or its "YYYY-MM-DD" string (isoDate / parseDay
// convert between them); strings are what pages, URLs, the API and the data cache carry.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The UTC day (midnight) of a moment. */
export function utcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/** "YYYY-MM-DD" of a moment's UTC day. */
export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The UTC midnight of a "YYYY-MM-DD" day (an invalid Date when the string is not one). */
export function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** True when `day` is a real calendar date written as "YYYY-MM-DD" ("2025-02-30" is not). */
export function isCalendarDay(day: string): boolean {
  const d = parseDay(day);
  return !Number.isNaN(d.getTime()) && isoDate(d) === day;
}

/** The "YYYY-MM-DD" day `days` days after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  return isoDate(new Date(parseDay(day).getTime() + days * DAY_MS));
}

/** Today's UTC day as "YYYY-MM-DD". */
export function todayUtc(now = new Date()): string {
  return isoDate(now);
}

/** Every "YYYY-MM-DD" day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = parseDay(from).getTime(); t <= parseDay(to).getTime(); t += DAY_MS) days.push(isoDate(new Date(t)));
  return days;
}

/** ISO-8601 week-numbering year and week of a moment's UTC day, and the Monday that starts the week. */
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

/** The ISO week of a moment as "YYYY-Www", e.g. "2025-W11". */
export function isoWeekKey(at: Date): string {
  const { year, week } = isoWeek(at);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday of ISO week `week` of `year` (week 1 is the week holding 4 January). */
export function mondayOfIsoWeek(year: number, week: number): Date {
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(week1Monday + (week - 1) * 7 * DAY_MS);
}

/** English month names, January first (labels in pages and emails). */
export const MONTHS = [
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
] as const;
