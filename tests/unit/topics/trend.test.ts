import { describe, expect, it } from "vitest";
import { formatShare, TREND_WEEKS, topicTrend, trendWeeks } from "@/lib/topics/trend";

const mondays = trendWeeks("2026-08-17");
const series = (values: number[]) => new Map(values.map((n, i) => [mondays[mondays.length - values.length + i]!, n]));

describe("topic trends", () => {
  it("covers 26 ISO weeks ending with the given Monday, oldest first", () => {
    expect(mondays).toHaveLength(TREND_WEEKS);
    expect(mondays[0]).toBe("2026-02-23");
    expect(mondays.at(-1)).toBe("2026-08-17");
  });

  it("fills empty weeks with 0 and computes the share of all papers", () => {
    const t = topicTrend(mondays, series([2, 0, 3]), series([10, 10, 10]));
    expect(t.weeks.at(-3)).toEqual({ week: "2026-08-03", papers: 2, allPapers: 10 });
    expect(t.weeks[0]).toEqual({ week: "2026-02-23", papers: 0, allPapers: 0 });
    expect([t.papers, t.allPapers, t.share]).toEqual([5, 30, 5 / 30]);
  });

  it("rising or falling only on a real change in share, steady otherwise", () => {
    const all = series([10, 10, 10, 10, 10, 10, 10, 10]);
    expect(topicTrend(mondays, series([1, 1, 1, 1, 3, 3, 3, 3]), all).direction).toBe("rising");
    expect(topicTrend(mondays, series([3, 3, 3, 3, 1, 1, 1, 1]), all).direction).toBe("falling");
    expect(topicTrend(mondays, series([2, 2, 2, 2, 2, 2, 2, 2]), all).direction).toBe("steady");
    // Two papers against none is too few to call.
    expect(topicTrend(mondays, series([0, 0, 0, 0, 1, 1, 0, 0]), all).direction).toBe("steady");
  });

  it("formats shares for people", () => {
    expect([formatShare(0), formatShare(0.004), formatShare(0.126)]).toEqual(["0%", "0.4%", "13%"]);
  });
});
