import { formatShare, RECENT_WEEKS, type TopicTrend, TREND_WEEKS } from "@/lib/topics/trend";

// Papers per week of a topic as a small server-rendered SVG bar chart, with
// its numbers as a table in a <details> (the chart's text alternative, also
// handy to copy). No script: the chart is markup like the rest of the page.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "17 Aug 2026" for a "2026-08-17" Monday. */
export function weekLabel(monday: string, withYear = true): string {
  const [y, m, d] = monday.split("-").map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]}${withYear ? ` ${y}` : ""}`;
}

/** One sentence a screen reader announces for the chart; also its visible caption. */
export function trendSummary(name: string, trend: TopicTrend): string {
  const papers = `${trend.papers} ${trend.papers === 1 ? "paper" : "papers"}`;
  const base = `${name}: ${papers} in the last ${TREND_WEEKS} weeks, ${formatShare(trend.share)} of all papers`;
  if (trend.direction === "steady") return `${base}; steady.`;
  return `${base}; ${trend.direction}: ${formatShare(trend.recentShare)} of the last ${RECENT_WEEKS} weeks' papers against ${formatShare(trend.previousShare)} of the ${RECENT_WEEKS} before.`;
}

const ARROWS = { rising: "↗ rising", falling: "↘ falling", steady: "→ steady" } as const;

type Props = {
  name: string;
  trend: TopicTrend;
  /** "small": a sparkline for the topic list; "large": the topic page's chart with axis labels. */
  size?: "small" | "large";
  /** Unique on the page: ties the chart to its caption and table. */
  id: string;
};

export function TopicTrendChart({ name, trend, size = "small", id }: Props) {
  const large = size === "large";
  const width = large ? 640 : 156;
  const height = large ? 160 : 32;
  const top = large ? 16 : 2;
  const bottom = large ? 22 : 0;
  const left = large ? 28 : 0;
  const plot = height - top - bottom;
  const max = Math.max(1, ...trend.weeks.map((w) => w.papers));
  const step = (width - left) / trend.weeks.length;
  const barWidth = Math.max(1, step - (large ? 4 : 1.5));
  const summary = trendSummary(name, trend);
  const first = trend.weeks[0];
  const last = trend.weeks.at(-1);
  return (
    <figure className={large ? "mt-4" : "mt-2"} data-testid="topic-trend">
      <svg
        role="img"
        aria-labelledby={`${id}-caption`}
        viewBox={`0 0 ${width} ${height}`}
        width={large ? "100%" : width}
        height={large ? undefined : height}
        className={large ? "h-auto w-full max-w-2xl" : "block"}
        preserveAspectRatio="xMinYMid meet"
      >
        <title>{summary}</title>
        {large && (
          <>
            <line x1={left} y1={top + plot} x2={width} y2={top + plot} className="stroke-zinc-400" strokeWidth="1" />
            <text x={left - 6} y={top + 4} textAnchor="end" className="fill-zinc-600 dark:fill-zinc-400" fontSize="11">
              {max}
            </text>
            <text
              x={left - 6}
              y={top + plot}
              textAnchor="end"
              className="fill-zinc-600 dark:fill-zinc-400"
              fontSize="11"
            >
              0
            </text>
            {first && (
              <text x={left} y={height - 6} className="fill-zinc-600 dark:fill-zinc-400" fontSize="11">
                {weekLabel(first.week)}
              </text>
            )}
            {last && (
              <text
                x={width}
                y={height - 6}
                textAnchor="end"
                className="fill-zinc-600 dark:fill-zinc-400"
                fontSize="11"
              >
                week of {weekLabel(last.week)}
              </text>
            )}
          </>
        )}
        {trend.weeks.map((w, i) => {
          const h = w.papers === 0 ? 0 : Math.max(1.5, (w.papers / max) * plot);
          return (
            <rect
              key={w.week}
              x={left + i * step}
              y={top + plot - h}
              width={barWidth}
              height={h}
              className={i >= trend.weeks.length - RECENT_WEEKS ? "fill-blue-700 dark:fill-blue-400" : "fill-zinc-400"}
            >
              <title>{`Week of ${weekLabel(w.week)}: ${w.papers} of ${w.allPapers} papers`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption id={`${id}-caption`} className="mt-1 text-xs text-zinc-700 dark:text-zinc-300">
        <span className="sr-only">{summary}</span>
        <span aria-hidden="true">
          {trend.papers} {trend.papers === 1 ? "paper" : "papers"} in {TREND_WEEKS} weeks · {formatShare(trend.share)}{" "}
          of all papers · {ARROWS[trend.direction]}
        </span>
      </figcaption>
      <details className="mt-1 text-xs">
        <summary className="cursor-pointer text-blue-700 underline dark:text-blue-400">
          Papers per week<span className="sr-only"> in {name}</span>, as a table
        </summary>
        <table className="trend-table">
          <caption className="sr-only">
            {name}: papers per week, last {TREND_WEEKS} weeks
          </caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">{name}</th>
              <th scope="col">All papers</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {trend.weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row">{weekLabel(w.week)}</th>
                <td>{w.papers}</td>
                <td>{w.allPapers}</td>
                <td>{w.allPapers ? formatShare(w.papers / w.allPapers) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
