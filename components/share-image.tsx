import type { TrendWeek } from "@/lib/topics/trend";

// The share images (Open Graph / Twitter cards, 1200×630) for paper and topic
// pages and the site, as markup for next/og's ImageResponse: flex boxes with
// inline styles only (Satori's subset of CSS). Text is drawn with next/og's
// bundled font (no download); big type keeps it readable as a small preview.

/**
 * Text the bundled font can draw: Latin letters and common punctuation.
 * Anything else would make next/og fetch a fallback font or emoji from the
 * network, which a locked-down server cannot reach, so it is dropped.
 */
export function drawableText(text: string, max: number): string {
  const clean = text
    .normalize("NFC")
    .replace(/[^\u0020-\u024f\u2010-\u2027\u2030-\u205e]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20))}…`;
}

const INK = "#18181b";
const MUTED = "#52525b";
const ACCENT = "#1d4ed8";

function Frame({ kicker, children, footer }: { kicker: string; children: React.ReactNode; footer: string }) {
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: "56px 64px",
        background: "#ffffff",
        color: INK,
        borderTop: `16px solid ${ACCENT}`,
      }}
    >
      <div style={{ display: "flex", fontSize: 30, color: ACCENT, letterSpacing: 1 }}>{kicker}</div>
      <div style={{ display: "flex", flexDirection: "column", flexGrow: 1, justifyContent: "center" }}>{children}</div>
      <div style={{ display: "flex", justifyContent: "space-between", fontSize: 28, color: MUTED }}>
        <span>{footer}</span>
        <span style={{ color: INK }}>Paperboy</span>
      </div>
    </div>
  );
}

export type PaperShare = { title: string; authors: string[]; featuredOn: string; upvotes: number; topics: string[] };

export function PaperShareImage({ paper }: { paper: PaperShare }) {
  const title = drawableText(paper.title, 110);
  const authors = drawableText(
    paper.authors.length > 3 ? `${paper.authors.slice(0, 3).join(", ")} et al.` : paper.authors.join(", "),
    80,
  );
  const topics = drawableText(paper.topics.slice(0, 3).join(" · "), 70);
  return (
    <Frame kicker={topics || "AI research paper"} footer={`Featured ${paper.featuredOn} · ${paper.upvotes} votes`}>
      <div style={{ display: "flex", fontSize: title.length > 70 ? 58 : 68, lineHeight: 1.15, fontWeight: 700 }}>
        {title}
      </div>
      {authors && <div style={{ display: "flex", marginTop: 24, fontSize: 30, color: MUTED }}>{authors}</div>}
    </Frame>
  );
}

export type TopicShare = { name: string; count: number; weeks: TrendWeek[]; shareLabel: string; direction: string };

export function TopicShareImage({ topic }: { topic: TopicShare }) {
  const max = Math.max(1, ...topic.weeks.map((w) => w.papers));
  const recent = topic.weeks.length - 4;
  return (
    <Frame kicker="Topic" footer={`${topic.count} papers · ${topic.shareLabel} of recent papers · ${topic.direction}`}>
      <div style={{ display: "flex", fontSize: 76, fontWeight: 700 }}>{drawableText(topic.name, 40)}</div>
      <div style={{ display: "flex", alignItems: "flex-end", height: 220, marginTop: 28, gap: 8 }}>
        {topic.weeks.map((w, i) => (
          <div
            key={w.week}
            style={{
              display: "flex",
              width: 34,
              height: Math.max(w.papers ? 6 : 2, Math.round((w.papers / max) * 220)),
              background: i >= recent ? ACCENT : "#a1a1aa",
              borderRadius: 3,
            }}
          />
        ))}
      </div>
      <div style={{ display: "flex", marginTop: 12, fontSize: 24, color: MUTED }}>Papers per week, last 26 weeks</div>
    </Frame>
  );
}

export function SiteShareImage() {
  return (
    <Frame kicker="paperboy" footer="Trending · Topics · Search · Email digest">
      <div style={{ display: "flex", fontSize: 84, fontWeight: 700, lineHeight: 1.1 }}>Trending AI research papers</div>
      <div style={{ display: "flex", marginTop: 24, fontSize: 36, color: MUTED }}>
        By topic, with the trend of each topic week by week.
      </div>
    </Frame>
  );
}
