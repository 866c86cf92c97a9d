// `npm run email:preview`: renders every email to .data/email-preview/<name>.html
// and .txt, to open in a browser: the subscription emails with their
// PreviewProps, and the digest (daily, weekly and a sample) through the
// digest's own renderer with real papers from the demo data.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as confirmation from "@/emails/confirmation";
import * as manage from "@/emails/manage-subscription";
import * as welcome from "@/emails/welcome";
import { periodFor } from "@/lib/digest/period";
import { type PaperInfo, type Recipient, type RenderContext, renderDigest } from "@/lib/digest/render";
import { DEMO_SAMPLE } from "@/lib/ingest/demo";
import { parseJsonLines } from "@/lib/ingest/jsonl";
import type { MailMessage } from "@/lib/mail/types";
import { confirmationMessage, manageSubscriptionMessage, welcomeMessage } from "@/lib/subscriptions/emails";

// Preview links are signed with a throwaway key unless the environment has one: nothing here is sent.
process.env.APP_SECRET ??= "email-preview-only-not-a-real-secret-000000";
process.env.APP_URL ??= "https://paperboy.example";

const TOPICS = new Map([
  [1, { id: 1, slug: "lmm", name: "Multimodal LLMs" }],
  [2, { id: 2, slug: "quantization", name: "Quantization" }],
]);

/** Five real papers from the demo sample: ones with code, a project page and several authors come first. */
async function demoPapers(): Promise<PaperInfo[]> {
  const parsed = parseJsonLines(await readFile(DEMO_SAMPLE, "utf8"), { source: "seed" });
  if (!parsed.ok) throw new Error("the demo sample could not be read");
  const rich = parsed.papers.filter((p) => p.arxivId && p.repoUrl && p.projectUrl && p.authors.length > 3).slice(0, 3);
  const plain = parsed.papers.filter((p) => p.arxivId && !p.repoUrl && p.authors.length <= 3).slice(0, 2);
  return [...rich, ...plain].map((p, i) => ({
    id: 100 + i,
    arxivId: p.arxivId,
    title: p.title,
    summary: p.summary,
    authors: p.authors,
    repoUrl: p.repoUrl,
    projectUrl: p.projectUrl,
    votes: p.upvotes ?? 0,
    // The first is in both topics, the rest in one; the keyword adds itself where it appears.
    topicIds: i === 0 ? [1, 2] : [1],
  }));
}

async function digest(frequency: "daily" | "weekly", papers: PaperInfo[], sample?: string): Promise<MailMessage> {
  const period = periodFor(
    frequency,
    new Date(frequency === "daily" ? "2026-08-21T08:00:00Z" : "2026-08-24T08:00:00Z"),
    8,
  );
  const ctx: RenderContext = {
    runId: 0,
    appUrl: process.env.APP_URL!,
    frequency,
    periodLabel: period.label,
    feed: period.feed,
    sample,
    topics: TOPICS,
    papers: new Map(papers.map((p) => [p.id, p])),
    cache: new Map(),
  };
  const recipient: Recipient = {
    deliveryId: 0,
    subscriberId: 1,
    email: "reader@example.com",
    linkSecret: "preview",
    allTopics: false,
    keywords: ["video generation"],
    topicIds: [1, 2],
    paperIds: papers.map((p) => p.id),
  };
  return renderDigest(ctx, recipient);
}

const out = path.join(process.cwd(), ".data", "email-preview");
await mkdir(out, { recursive: true });
const papers = await demoPapers();
const messages: Record<string, MailMessage> = {
  confirmation: await confirmationMessage("reader@example.com", confirmation.PreviewProps),
  welcome: await welcomeMessage("reader@example.com", welcome.PreviewProps),
  "manage-subscription": await manageSubscriptionMessage("reader@example.com", manage.PreviewProps),
  "digest-daily": await digest("daily", papers),
  "digest-weekly": await digest("weekly", papers),
  "digest-sample": await digest(
    "weekly",
    papers,
    "Sample, sent on request on Saturday, 22 August 2026 at 10:00 UTC; it does not count as a digest. It shows what your next digest would carry if it went out now. Your next weekly digest goes out Monday, 24 August 2026 at 08:00 UTC and still includes these papers.",
  ),
};
for (const [name, m] of Object.entries(messages)) {
  await writeFile(path.join(out, `${name}.html`), m.html);
  await writeFile(
    path.join(out, `${name}.txt`),
    `Subject: ${m.subject}\n${Object.entries(m.headers ?? {})
      .map(([k, v]) => `${k}: ${v}\n`)
      .join("")}\n${m.text}\n`,
  );
  console.log(`${path.relative(process.cwd(), path.join(out, name))}.{html,txt}  ${m.subject}`);
}
