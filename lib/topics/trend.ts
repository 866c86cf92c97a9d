import { addDays } from "@/lib/time";

// Topic trends: papers per ISO week (Monday to Sunday) over the last
// TREND_WEEKS weeks, per topic and for all papers, so a reader sees which
// topics are rising. Pure shaping here; the query is in ./trends-data.ts.

export const TREND_WEEKS = 26;
/** Weeks compared at the end of the series: the last RECENT_WEEKS against the RECENT_WEEKS before them. */
export const RECENT_WEEKS = 4;

export type TrendWeek = {
  /** The Monday the week starts on, "YYYY-MM-DD". */
  week: string;
  /** Papers of the topic featured that week. */
  papers: number;
  /** Papers of every topic (and none) featured that week. */
  allPapers: number;
};

export type TopicTrend = {
  /** Oldest first; always TREND_WEEKS entries, empty weeks as 0. */
  weeks: TrendWeek[];
  /** Papers of the topic over the whole window. */
  papers: number;
  allPapers: number;
  /** papers / allPapers over the window (0 when there are none). */
  share: number;
  /** The topic's share of the last RECENT_WEEKS weeks and of the RECENT_WEEKS before them. */
  recentShare: number;
  previousShare: number;
  direction: "rising" | "falling" | "steady";
};

/** The Mondays of the window ending with the week that contains `lastDay`, oldest first. */
export function trendWeeks(lastWeekMonday: string, weeks = TREND_WEEKS): string[] {
  return Array.from({ length: weeks }, (_, i) => addDays(lastWeekMonday, -7 * (weeks - 1 - i)));
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

/**
 * A topic's series from counts by week ("YYYY-MM-DD" Monday -> papers).
 * Rising/falling needs a real change: the recent share at least a quarter
 * above (below) the previous one, and at least 3 papers in the recent weeks
 * (rising) or before them (falling), so two papers against one is "steady".
 */
export function topicTrend(mondays: string[], topic: Map<string, number>, all: Map<string, number>): TopicTrend {
  const weeks = mondays.map((week) => ({ week, papers: topic.get(week) ?? 0, allPapers: all.get(week) ?? 0 }));
  const sum = (ws: TrendWeek[], key: "papers" | "allPapers") => ws.reduce((n, w) => n + w[key], 0);
  const recent = weeks.slice(-RECENT_WEEKS);
  const previous = weeks.slice(-2 * RECENT_WEEKS, -RECENT_WEEKS);
  const recentShare = ratio(sum(recent, "papers"), sum(recent, "allPapers"));
  const previousShare = ratio(sum(previous, "papers"), sum(previous, "allPapers"));
  const direction =
    recentShare >= previousShare * 1.25 && sum(recent, "papers") >= 3 && sum(previous, "allPapers") > 0
      ? "rising"
      : recentShare <= previousShare * 0.75 && sum(previous, "papers") >= 3 && sum(recent, "allPapers") > 0
        ? "falling"
        : "steady";
  const papers = sum(weeks, "papers");
  const allPapers = sum(weeks, "allPapers");
  return { weeks, papers, allPapers, share: ratio(papers, allPapers), recentShare, previousShare, direction };
}

/** "12%", or "0.4%" below one percent, "0%" for none. */
export function formatShare(share: number): string {
  if (share === 0) return "0%";
  const pct = share * 100;
  return pct < 1 ? `${pct.toFixed(1)}%` : `${Math.round(pct)}%`;
}
