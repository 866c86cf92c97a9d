import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

// The digest email. Gmail-safe: React Email lays it out with tables, every
// style is inline, there are no scripts, and React escapes all text and
// attribute values (paper titles and abstracts come from outside sources).

export type DigestPaper = {
  title: string;
  url: string;
  /** "A, B, C et al." (empty when unknown). */
  authors: string;
  excerpt: string;
  arxivUrl: string | null;
  pdfUrl: string | null;
  codeUrl: string | null;
  projectUrl: string | null;
  votes: number;
  /** Why it is in this email: the person's topics it is in, their keywords it mentions. */
  reasons: string[];
  topics: string[];
};

/** A feed or search view that reproduces the person's selection for the period. */
export type SeeAllLink = { label: string; url: string };

export type DigestEmailProps = {
  /** e.g. "Friday, 14 March 2025" or "Week 10, 2025 (3–9 March)". */
  periodLabel: string;
  frequency: "daily" | "weekly";
  /** A sample sent on request: this notice heads the email. */
  sample?: string;
  papers: DigestPaper[];
  /** Every matching paper of the period (not only the top ones), dated. */
  seeAll: SeeAllLink[];
  /** Why this person gets the email: their topics and keywords. */
  reason: string;
  preferencesUrl: string;
  unsubscribeUrl: string;
  appUrl: string;
};

const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const styles = {
  body: { backgroundColor: "#f6f6f4", fontFamily: font, margin: 0, padding: "24px 0" },
  container: {
    backgroundColor: "#ffffff",
    maxWidth: "600px",
    margin: "0 auto",
    padding: "24px",
    border: "1px solid #e5e5e0",
  },
  heading: { fontSize: "20px", lineHeight: "28px", color: "#111111", margin: "0 0 4px" },
  intro: { fontSize: "14px", lineHeight: "20px", color: "#555555", margin: "0 0 16px" },
  paper: { padding: "12px 0", borderTop: "1px solid #eeeeea" },
  title: { fontSize: "16px", lineHeight: "22px", fontWeight: 600, color: "#1a4fd6", textDecoration: "none" },
  excerpt: { fontSize: "14px", lineHeight: "20px", color: "#333333", margin: "6px 0" },
  authors: { fontSize: "13px", lineHeight: "18px", color: "#555555", margin: "2px 0 0" },
  meta: { fontSize: "12px", lineHeight: "18px", color: "#666666", margin: "2px 0 0" },
  why: { fontSize: "12px", lineHeight: "18px", color: "#3f3f46", margin: "2px 0 0" },
  sample: {
    fontSize: "14px",
    lineHeight: "20px",
    color: "#713f12",
    backgroundColor: "#fef9c3",
    border: "1px solid #fde047",
    padding: "8px 12px",
    margin: "0 0 16px",
  },
  link: { color: "#1a4fd6" },
  more: { fontSize: "14px", lineHeight: "20px", margin: "16px 0 0" },
  footer: { fontSize: "12px", lineHeight: "18px", color: "#777777", margin: "4px 0" },
} as const;

export function digestSubject(
  props: Pick<DigestEmailProps, "papers" | "periodLabel"> & { topicNames: string[]; sample?: boolean },
): string {
  const count = props.papers.length;
  const what = props.sample
    ? `${count} paper${count === 1 ? "" : "s"}`
    : count === 1
      ? "1 new paper"
      : `${count} new papers`;
  const shown = props.topicNames.slice(0, 3).join(", ");
  const topics = props.topicNames.length > 3 ? `${shown} +${props.topicNames.length - 3}` : shown;
  return `${props.sample ? "[Sample] " : ""}${what}${topics ? ` in ${topics}` : ""} · ${props.periodLabel}`;
}

/** "42 votes", "1 vote". */
export function votesLabel(votes: number): string {
  return `${votes} vote${votes === 1 ? "" : "s"}`;
}

/** The paper's links in the order shown: arXiv, PDF, code, project page. */
export function paperLinks(paper: DigestPaper): { label: string; url: string }[] {
  const links: { label: string; url: string }[] = [];
  if (paper.arxivUrl) links.push({ label: "arXiv", url: paper.arxivUrl });
  if (paper.pdfUrl) links.push({ label: "PDF", url: paper.pdfUrl });
  if (paper.codeUrl) links.push({ label: "Code", url: paper.codeUrl });
  if (paper.projectUrl) links.push({ label: "Project page", url: paper.projectUrl });
  return links;
}

export function DigestEmail(props: DigestEmailProps) {
  const count = props.papers.length;
  return (
    <Html lang="en">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <Preview>
        {props.sample
          ? `Sample: ${count} paper${count === 1 ? "" : "s"} for ${props.periodLabel}`
          : `${count} new paper${count === 1 ? "" : "s"} for ${props.periodLabel}`}
      </Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          {props.sample ? (
            <Text style={styles.sample} data-sample="true">
              {props.sample}
            </Text>
          ) : null}
          <Heading as="h1" style={styles.heading}>
            {props.frequency === "weekly" ? "Paperboy weekly digest" : "Paperboy daily digest"}
          </Heading>
          <Text style={styles.intro}>{`${props.periodLabel}: the top papers for you, ranked by trending score.`}</Text>
          {props.papers.map((paper) => {
            const links = paperLinks(paper);
            return (
              <Section key={paper.url} style={styles.paper}>
                {/* dir="auto": a right-to-left title or abstract keeps its own direction and can't reorder
                    the text around it (email clients drop <bdi> more often than the dir attribute). */}
                <Link href={paper.url} style={styles.title} dir="auto">
                  {paper.title}
                </Link>
                {paper.authors ? (
                  <Text style={styles.authors} dir="auto">
                    {paper.authors}
                  </Text>
                ) : null}
                {paper.excerpt ? (
                  <Text style={styles.excerpt} dir="auto">
                    {paper.excerpt}
                  </Text>
                ) : null}
                <Text style={styles.meta}>
                  {votesLabel(paper.votes)}
                  {links.map((l) => (
                    <span key={l.label}>
                      {" · "}
                      <Link href={l.url} style={styles.link}>
                        {l.label}
                      </Link>
                    </span>
                  ))}
                </Text>
                {paper.reasons.length > 0 ? <Text style={styles.why}>{`Why: ${paper.reasons.join(", ")}`}</Text> : null}
              </Section>
            );
          })}
          {props.seeAll.map((l) => (
            <Text key={l.url} style={styles.more}>
              <Link href={l.url} style={styles.link}>
                {`${l.label} →`}
              </Link>
            </Text>
          ))}
          <Hr style={{ borderColor: "#eeeeea", margin: "24px 0 12px" }} />
          <Text
            style={styles.footer}
          >{`You get this email because you subscribed to Paperboy digests for ${props.reason}.`}</Text>
          <Text style={styles.footer}>
            <Link href={props.preferencesUrl} style={styles.link}>
              Change topics or frequency
            </Link>
            {" · "}
            <Link href={props.unsubscribeUrl} style={styles.link}>
              Unsubscribe
            </Link>
            {" · "}
            <Link href={props.appUrl} style={styles.link}>
              Paperboy
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The plain-text version, written by hand so it reads well (not HTML converted). */
export function digestText(props: DigestEmailProps): string {
  const lines: string[] = [];
  if (props.sample) lines.push(props.sample, "");
  lines.push(`Paperboy ${props.frequency} digest: ${props.periodLabel}`, "");
  props.papers.forEach((paper, i) => {
    lines.push(`${i + 1}. ${paper.title}`);
    if (paper.authors) lines.push(`   ${paper.authors}`);
    lines.push(`   ${paper.url}`);
    if (paper.excerpt) lines.push(`   ${paper.excerpt}`);
    lines.push(`   ${votesLabel(paper.votes)}`);
    for (const l of paperLinks(paper)) lines.push(`   ${l.label}: ${l.url}`);
    if (paper.reasons.length > 0) lines.push(`   Why: ${paper.reasons.join(", ")}`);
    lines.push("");
  });
  for (const l of props.seeAll) lines.push(`${l.label}: ${l.url}`);
  lines.push("");
  lines.push(
    "--",
    `You get this email because you subscribed to Paperboy digests for ${props.reason}.`,
    `Change topics or frequency: ${props.preferencesUrl}`,
    `Unsubscribe: ${props.unsubscribeUrl}`,
  );
  return lines.join("\n");
}

export const PreviewProps: DigestEmailProps = {
  periodLabel: "Week 47, 2026 (16–22 November)",
  frequency: "weekly",
  papers: [
    {
      title: "Scaling Laws for Quantized Language Models",
      url: "https://paperboy.example/papers/2511.04821",
      authors: "Mei Tanaka, Daniel Okafor, Priya Raman et al.",
      excerpt:
        "We study how post-training quantization interacts with model scale. Across 40 models from 70M to 70B parameters, 4-bit weights lose less accuracy as models grow, and we fit a law that predicts the loss from the bit width and the parameter count…",
      arxivUrl: "https://arxiv.org/abs/2511.04821",
      pdfUrl: "https://arxiv.org/pdf/2511.04821",
      codeUrl: "https://github.com/example/quant-scaling",
      projectUrl: "https://quant-scaling.example.org",
      votes: 128,
      reasons: ["Quantization", "“kv cache”"],
      topics: ["LLMs", "Quantization"],
    },
    {
      title: "Seeing Is Reasoning: A Benchmark for Multimodal Chain-of-Thought",
      url: "https://paperboy.example/papers/2511.05133",
      authors: "Ana Souza, Lukas Berger",
      excerpt:
        "Multimodal LLMs answer visual questions well but rarely show their work. We release 12,000 image-question pairs whose answers need several visual steps, with annotated reasoning chains…",
      arxivUrl: "https://arxiv.org/abs/2511.05133",
      pdfUrl: "https://arxiv.org/pdf/2511.05133",
      codeUrl: null,
      projectUrl: null,
      votes: 57,
      reasons: ["Multimodal LLMs"],
      topics: ["Multimodal LLMs", "Reasoning"],
    },
    {
      title: "KV Cache Compression Without Retraining",
      url: "https://paperboy.example/papers/p-912-kv-cache-compression-without-retraining",
      authors: "",
      excerpt: "A training-free method that keeps 2-bit keys and values for most tokens…",
      arxivUrl: null,
      pdfUrl: null,
      codeUrl: "https://github.com/example/kv-compress",
      projectUrl: null,
      votes: 1,
      reasons: ["“kv cache”"],
      topics: ["Efficient inference"],
    },
  ],
  seeAll: [
    {
      label: "Every paper in Multimodal LLMs, Quantization",
      url: "https://paperboy.example/?period=week&date=2026-11-16&topic=lmm&topic=quantization",
    },
    {
      label: "Papers mentioning “kv cache”",
      url: "https://paperboy.example/search?q=kv+cache&period=week&date=2026-11-16",
    },
  ],
  reason: 'the topics Multimodal LLMs, Quantization and the keyword "kv cache"',
  preferencesUrl: "https://paperboy.example/preferences?token=1.x",
  unsubscribeUrl: "https://paperboy.example/unsubscribe?token=1.x",
  appUrl: "https://paperboy.example",
};

export default function DigestPreview() {
  return <DigestEmail {...PreviewProps} />;
}
