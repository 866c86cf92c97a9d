import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

// The digest email. Gmail-safe: React Email lays it out with tables, every
// style is inline, there are no scripts, and React escapes all text and
// attribute values (paper titles and abstracts come from outside sources).

export type DigestPaper = {
  title: string;
  url: string;
  excerpt: string;
  codeUrl: string | null;
  topics: string[];
};

export type DigestEmailProps = {
  /** e.g. "Friday, 14 March 2025" or "week 11, 2025". */
  periodLabel: string;
  papers: DigestPaper[];
  /** The full filtered view (every matching paper, not only the top ones). */
  moreUrl: string;
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
  meta: { fontSize: "12px", lineHeight: "18px", color: "#666666", margin: 0 },
  link: { color: "#1a4fd6" },
  more: { fontSize: "14px", lineHeight: "20px", margin: "16px 0 0" },
  footer: { fontSize: "12px", lineHeight: "18px", color: "#777777", margin: "4px 0" },
} as const;

export function digestSubject(
  props: Pick<DigestEmailProps, "papers" | "periodLabel"> & { topicNames: string[] },
): string {
  const count = props.papers.length;
  const what = count === 1 ? "1 new paper" : `${count} new papers`;
  const shown = props.topicNames.slice(0, 3).join(", ");
  const topics = props.topicNames.length > 3 ? `${shown} +${props.topicNames.length - 3}` : shown;
  return `${what}${topics ? ` in ${topics}` : ""} · ${props.periodLabel}`;
}

export function DigestEmail(props: DigestEmailProps) {
  const count = props.papers.length;
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${count} new paper${count === 1 ? "" : "s"} for ${props.periodLabel}`}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading as="h1" style={styles.heading}>
            Paperboy digest
          </Heading>
          <Text style={styles.intro}>{`${props.periodLabel}: the top papers for you, ranked by trending score.`}</Text>
          {props.papers.map((paper) => (
            <Section key={paper.url} style={styles.paper}>
              {/* dir="auto": a right-to-left title or abstract keeps its own direction and can't reorder
                  the text around it (email clients drop <bdi> more often than the dir attribute). */}
              <Link href={paper.url} style={styles.title} dir="auto">
                {paper.title}
              </Link>
              {paper.excerpt ? (
                <Text style={styles.excerpt} dir="auto">
                  {paper.excerpt}
                </Text>
              ) : null}
              <Text style={styles.meta}>
                {paper.topics.length > 0 ? `Topics: ${paper.topics.join(", ")}` : null}
                {paper.topics.length > 0 && paper.codeUrl ? " · " : null}
                {paper.codeUrl ? (
                  <Link href={paper.codeUrl} style={styles.link}>
                    Code
                  </Link>
                ) : null}
              </Text>
            </Section>
          ))}
          <Text style={styles.more}>
            <Link href={props.moreUrl} style={styles.link}>
              See every paper that matches your topics
            </Link>
          </Text>
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
  const lines: string[] = [`Paperboy digest: ${props.periodLabel}`, ""];
  props.papers.forEach((paper, i) => {
    lines.push(`${i + 1}. ${paper.title}`, `   ${paper.url}`);
    if (paper.excerpt) lines.push(`   ${paper.excerpt}`);
    if (paper.topics.length > 0) lines.push(`   Topics: ${paper.topics.join(", ")}`);
    if (paper.codeUrl) lines.push(`   Code: ${paper.codeUrl}`);
    lines.push("");
  });
  lines.push(`Every paper that matches your topics: ${props.moreUrl}`, "");
  lines.push(
    "--",
    `You get this email because you subscribed to Paperboy digests for ${props.reason}.`,
    `Change topics or frequency: ${props.preferencesUrl}`,
    `Unsubscribe: ${props.unsubscribeUrl}`,
  );
  return lines.join("\n");
}

export const PreviewProps: DigestEmailProps = {
  periodLabel: "Friday, 14 March 2025",
  papers: [
    {
      title: "Scaling Laws for Quantized Language Models",
      url: "https://paperboy.example/papers/1",
      excerpt: "We study how post-training quantization interacts with model scale…",
      codeUrl: "https://github.com/example/quant",
      topics: ["Quantization", "LLMs"],
    },
  ],
  moreUrl: "https://paperboy.example/?topics=quantization",
  reason: "the topics Quantization, LLMs",
  preferencesUrl: "https://paperboy.example/preferences?token=1.x",
  unsubscribeUrl: "https://paperboy.example/unsubscribe?token=1.x",
  appUrl: "https://paperboy.example",
};

export default function DigestPreview() {
  return <DigestEmail {...PreviewProps} />;
}
