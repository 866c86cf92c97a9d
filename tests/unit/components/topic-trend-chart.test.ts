import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import { TopicTrendChart, trendSummary, weekLabel } from "@/components/topic-trend-chart";
import { topicTrend, trendWeeks } from "@/lib/topics/trend";

const mondays = trendWeeks("2026-08-17");
const series = (values: number[]) => new Map(values.map((n, i) => [mondays[mondays.length - values.length + i]!, n]));
const trend = topicTrend(mondays, series([1, 1, 1, 1, 3, 3, 3, 3]), series([10, 10, 10, 10, 10, 10, 10, 10]));

it("names the chart in one sentence: papers, share and direction", () => {
  expect(weekLabel("2026-08-17")).toBe("17 Aug 2026");
  expect(trendSummary("Quantization", trend)).toBe(
    "Quantization: 16 papers in the last 26 weeks, 20% of all papers; rising: 30% of the last 4 weeks' papers against 10% of the 4 before.",
  );
});

it("draws one bar a week in an SVG image named by its caption, with every number in a table", () => {
  const html = renderToStaticMarkup(createElement(TopicTrendChart, { name: "Quantization", trend, id: "t" }));
  expect(html).toMatch(/<svg role="img" aria-labelledby="t-caption"/);
  expect(html.match(/<rect /g)).toHaveLength(26);
  expect(html).toContain('<figcaption id="t-caption"');
  expect(html.match(/<tr/g)).toHaveLength(27);
  expect(html).toContain('<tr><th scope="row">17 Aug 2026</th><td>3</td><td>10</td><td>30%</td></tr>');
});
