import { Button, Link, Section, Text } from "@react-email/components";
import { type ChoiceSummary, describeChoices } from "./components/choices";
import { buttonStyle, EmailLayout, type SubscriberLinks, textStyle } from "./components/layout";

/** A paper shown in the welcome email: the current top papers of the person's choices. */
export type WelcomePaper = { title: string; url: string; authors: string; reasons: string[] };

export type WelcomeEmailProps = ChoiceSummary &
  SubscriberLinks & {
    /** "Sunday, 29 November 2026 at 08:00 UTC (in 9 hours)". */
    firstDigest?: string;
    /** Up to five papers; `recent` when nothing new matches and these are the most recent matching ones. */
    topPapers?: { papers: WelcomePaper[]; recent: boolean };
  };

const paperStyle = { fontSize: "14px", lineHeight: "20px", margin: "0 0 8px" };
const metaStyle = { color: "#52525b", fontSize: "12px" };

export function WelcomeEmail({
  preferencesUrl,
  unsubscribeUrl,
  firstDigest,
  topPapers,
  ...choices
}: WelcomeEmailProps) {
  const papers = topPapers?.papers ?? [];
  return (
    <EmailLayout preview="You're subscribed to Paperboy" links={{ preferencesUrl, unsubscribeUrl }}>
      <Text style={textStyle}>You&apos;re subscribed. You will get {describeChoices(choices)}.</Text>
      {firstDigest ? (
        <Text style={textStyle} data-first-digest="true">
          Your first digest goes out on {firstDigest}
          {topPapers?.recent
            ? ", if new papers match your choices by then (a digest is only sent when there are)."
            : "."}
        </Text>
      ) : null}
      {papers.length > 0 ? (
        <Section>
          <Text style={{ ...textStyle, fontWeight: 600, margin: "16px 0 8px" }}>
            {topPapers?.recent
              ? "Nothing new matches yet. The most recent matching papers:"
              : "The current top papers for you:"}
          </Text>
          {papers.map((p, i) => (
            <Text key={p.url} style={paperStyle}>
              {`${i + 1}. `}
              <Link href={p.url} dir="auto">
                {p.title}
              </Link>
              {p.authors ? (
                <>
                  <br />
                  <span style={metaStyle} dir="auto">
                    {p.authors}
                  </span>
                </>
              ) : null}
              {p.reasons.length > 0 ? (
                <>
                  <br />
                  <span style={metaStyle}>{`Why: ${p.reasons.join(", ")}`}</span>
                </>
              ) : null}
            </Text>
          ))}
        </Section>
      ) : null}
      <Text style={textStyle}>
        Your preference page shows your next digest before it arrives, and can email it to you now. Change topics,
        frequency or keywords, pause, unsubscribe or delete your data there at any time. Keep this email: the link is
        personal.
      </Text>
      <Button href={preferencesUrl} style={buttonStyle}>
        Manage preferences
      </Button>
    </EmailLayout>
  );
}

WelcomeEmail.PreviewProps = {
  preferencesUrl: "http://localhost:3000/preferences?token=example",
  unsubscribeUrl: "http://localhost:3000/unsubscribe?token=example",
  frequency: "weekly",
  allTopics: false,
  topicNames: ["Multimodal LLMs", "Quantization"],
  keywords: ["kv cache"],
  firstDigest: "Monday, 30 November 2026 at 08:00 UTC (in 34 hours)",
  topPapers: {
    recent: false,
    papers: [
      {
        title: "Scaling Laws for Quantized Language Models",
        url: "http://localhost:3000/papers/2511.04821",
        authors: "Mei Tanaka, Daniel Okafor, Priya Raman et al.",
        reasons: ["Quantization"],
      },
      {
        title: "Seeing Is Reasoning: A Benchmark for Multimodal Chain-of-Thought",
        url: "http://localhost:3000/papers/2511.05133",
        authors: "Ana Souza, Lukas Berger",
        reasons: ["Multimodal LLMs"],
      },
      {
        title: "KV Cache Compression Without Retraining",
        url: "http://localhost:3000/papers/2511.06002",
        authors: "",
        reasons: ["“kv cache”"],
      },
    ],
  },
} satisfies WelcomeEmailProps;

export const PreviewProps = WelcomeEmail.PreviewProps;
export default WelcomeEmail;
