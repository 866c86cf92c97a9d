// Rendering a digest email from what the ledger stored (paper ids in order),
// so a resumed batch renders byte-for-byte the same payload and the provider
// replays it under the same Idempotency-Key instead of sending it again.
import {
  DigestEmail,
  type DigestEmailProps,
  type DigestPaper,
  digestSubject,
  digestText,
  type SeeAllLink,
} from "@/emails/digest";
import { safeHttpUrl } from "@/lib/http/url";
import type { MailMessage } from "@/lib/mail/types";
import { plainText } from "@/lib/papers/text";
import type { PaperListItem } from "@/lib/papers/types";
import { paperUrl } from "@/lib/papers/url";
import { preferencesUrl, unsubscribeUrl } from "@/lib/subscriptions/links";
import type { DigestPeriod, Frequency } from "./period";
import { normalizePhrase } from "./select";

export type Recipient = {
  deliveryId: number;
  subscriberId: number;
  email: string;
  linkSecret: string;
  allTopics: boolean;
  keywords: string[];
  topicIds: number[];
  paperIds: number[];
};

export type PaperInfo = Pick<
  PaperListItem,
  "id" | "arxivId" | "title" | "summary" | "authors" | "repoUrl" | "projectUrl"
> & {
  /** The source's upvotes plus local votes, as the site shows them when the email is rendered. */
  votes: number;
  topicIds: number[];
};
export type TopicInfo = { id: number; slug: string; name: string };

export type RenderContext = {
  runId: number;
  appUrl: string;
  frequency: Frequency;
  periodLabel: string;
  /** The feed view of the period's papers (the "see all" links). */
  feed: DigestPeriod["feed"] | { period: "month"; date: string };
  /** Set for a sample sent on request: the notice at the top, and "[Sample]" in the subject. */
  sample?: string;
  topics: Map<number, TopicInfo>;
  papers: Map<number, PaperInfo>;
  /** Rendered bodies by content (placeholders for the per-person links); bounded by the caller. */
  cache: Map<string, Rendered>;
};

/** A rendered body split at the per-person links: parts[0] link parts[1] link ... */
type Template = { parts: string[]; links: ("unsubscribe" | "preferences")[] };
type Rendered = { subject: string; html: Template; text: Template };

const LINK_PATTERN = /https:\/\/placeholder\.invalid\/(unsubscribe|preferences)/g;

function split(body: string): Template {
  const parts: string[] = [];
  const links: Template["links"] = [];
  let last = 0;
  for (const match of body.matchAll(LINK_PATTERN)) {
    parts.push(body.slice(last, match.index));
    links.push(match[1] as Template["links"][number]);
    last = match.index + match[0].length;
  }
  parts.push(body.slice(last));
  return { parts, links };
}

// Concatenation makes rope strings that share the cached parts: no per-email copy of the body.
function fill(t: Template, urls: Record<Template["links"][number], string>): string {
  let out = t.parts[0]!;
  for (let i = 0; i < t.links.length; i++) out += urls[t.links[i]!] + t.parts[i + 1]!;
  return out;
}

export const EXCERPT_CHARS = 280;
// Stand-ins for the per-person links while the shared body is rendered once.
const PREFS_PLACEHOLDER = "https://placeholder.invalid/preferences";
const UNSUB_PLACEHOLDER = "https://placeholder.invalid/unsubscribe";
const CACHE_LIMIT = 2_000;
const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

export function excerpt(summary: string, max = EXCERPT_CHARS): string {
  const flat = summary.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, "")}…`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function sortedNames(ids: Iterable<number>, topics: Map<number, TopicInfo>): string[] {
  return [...ids]
    .map((id) => topics.get(id)?.name)
    .filter((n): n is string => !!n)
    .sort((a, b) => a.localeCompare(b));
}

export function reasonFor(
  r: Pick<Recipient, "allTopics" | "topicIds" | "keywords">,
  topics: Map<number, TopicInfo>,
): string {
  const parts: string[] = [];
  if (r.allTopics) parts.push("all topics");
  else {
    const names = sortedNames(r.topicIds, topics);
    if (names.length > 0) parts.push(`the topic${names.length === 1 ? "" : "s"} ${names.join(", ")}`);
  }
  const keywords = [...r.keywords].sort();
  if (keywords.length > 0)
    parts.push(`the keyword${keywords.length === 1 ? "" : "s"} ${keywords.map((k) => `"${k}"`).join(", ")}`);
  return parts.join(" and ") || "your chosen topics";
}

/** The subscriber's topics that the chosen papers are in, most frequent first (for the subject). */
function subjectTopics(r: Recipient, papers: PaperInfo[], topics: Map<number, TopicInfo>): string[] {
  const own = new Set(r.topicIds);
  const counts = new Map<number, number>();
  for (const p of papers)
    for (const t of p.topicIds) if (r.allTopics || own.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const names = [...counts.entries()]
    .map(([id, n]) => ({ name: topics.get(id)?.name, n }))
    .filter((x): x is { name: string; n: number } => !!x.name)
    .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name))
    .map((x) => x.name);
  return names.length > 0 ? names : [...r.keywords].sort().map((k) => `"${k}"`);
}

/** "A. Author, B. Author, C. Author et al.": the first three names. */
export function formatAuthors(authors: string[]): string {
  const names = authors.map((a) => a.trim()).filter(Boolean);
  if (names.length <= 3) return names.join(", ");
  return `${names.slice(0, 3).join(", ")} et al.`;
}

/** Why a paper is in this person's email: their topics it is in, and their keywords it mentions. */
export function matchReasons(
  p: Pick<PaperInfo, "title" | "summary" | "topicIds">,
  r: Pick<Recipient, "allTopics" | "topicIds" | "keywords">,
  topics: Map<number, TopicInfo>,
): string[] {
  const own = new Set(r.topicIds);
  const reasons = sortedNames(
    p.topicIds.filter((t) => own.has(t)),
    topics,
  );
  const text = ` ${normalizePhrase(`${p.title} ${p.summary}`)} `;
  for (const k of [...r.keywords].sort()) {
    const phrase = normalizePhrase(k);
    if (phrase && text.includes(` ${phrase} `)) reasons.push(`“${k}”`);
  }
  if (reasons.length === 0 && r.allTopics) reasons.push("all topics");
  return reasons;
}

/**
 * The feed views that reproduce this person's selection for the period: their topics (or every topic)
 * on the period's dates, and a search per keyword (the feed filters by topic, not by keyword).
 */
export function seeAllLinks(
  ctx: Pick<RenderContext, "appUrl" | "feed" | "topics">,
  r: Pick<Recipient, "allTopics" | "topicIds" | "keywords">,
): SeeAllLink[] {
  const dated = (params: URLSearchParams) => {
    if (ctx.feed.period !== "day") params.set("period", ctx.feed.period);
    params.set("date", ctx.feed.date);
    return params;
  };
  const links: SeeAllLink[] = [];
  const slugs = [...r.topicIds]
    .sort((a, b) => a - b)
    .map((id) => ctx.topics.get(id))
    .filter((t): t is TopicInfo => !!t);
  if (r.allTopics || slugs.length > 0) {
    const params = dated(new URLSearchParams());
    if (!r.allTopics) for (const t of slugs) params.append("topic", t.slug);
    links.push({
      label: r.allTopics ? "Every paper of the period" : `Every paper in ${slugs.map((t) => t.name).join(", ")}`,
      url: `${ctx.appUrl}/?${params.toString()}`,
    });
  }
  for (const k of [...r.keywords].sort())
    links.push({
      label: `Papers mentioning “${k}”`,
      url: `${ctx.appUrl}/search?${dated(new URLSearchParams({ q: k })).toString()}`,
    });
  return links;
}

/** The email's view of one paper (also what the preferences page previews). */
export function digestPaper(
  ctx: Pick<RenderContext, "appUrl" | "topics">,
  r: Pick<Recipient, "allTopics" | "topicIds" | "keywords">,
  p: PaperInfo,
): DigestPaper {
  const arxiv = p.arxivId ? encodeURIComponent(p.arxivId).replace(/%2F/gi, "/") : null;
  return {
    // Neutralised again here: rows stored before ingest dropped bidi overrides (lib/papers/text.ts).
    title: plainText(p.title),
    url: paperUrl(ctx.appUrl, p),
    authors: formatAuthors(p.authors.map(plainText)),
    excerpt: excerpt(plainText(p.summary)),
    arxivUrl: arxiv ? `https://arxiv.org/abs/${arxiv}` : null,
    pdfUrl: arxiv ? `https://arxiv.org/pdf/${arxiv}` : null,
    codeUrl: safeHttpUrl(p.repoUrl),
    projectUrl: safeHttpUrl(p.projectUrl),
    votes: p.votes,
    reasons: matchReasons(p, r, ctx.topics),
    topics: sortedNames(p.topicIds, ctx.topics),
  };
}

/** Everything the template shows for one recipient (per-person links as placeholders). */
export function digestProps(ctx: RenderContext, r: Recipient): DigestEmailProps {
  const papers = r.paperIds.map((id) => ctx.papers.get(id)).filter((p): p is PaperInfo => !!p);
  return {
    periodLabel: ctx.periodLabel,
    frequency: ctx.frequency,
    sample: ctx.sample,
    papers: papers.map((p) => digestPaper(ctx, r, p)),
    seeAll: seeAllLinks(ctx, r),
    reason: reasonFor(r, ctx.topics),
    preferencesUrl: PREFS_PLACEHOLDER,
    unsubscribeUrl: UNSUB_PLACEHOLDER,
    appUrl: ctx.appUrl,
  };
}

async function renderShared(ctx: RenderContext, r: Recipient): Promise<Rendered> {
  const papers = r.paperIds.map((id) => ctx.papers.get(id)).filter((p): p is PaperInfo => !!p);
  const props = digestProps(ctx, r);
  const subject = digestSubject({
    papers: props.papers,
    periodLabel: ctx.periodLabel,
    topicNames: subjectTopics(r, papers, ctx.topics),
    sample: ctx.sample !== undefined,
  });
  // The synchronous static renderer: the same markup @react-email/render produces (the template has
  // nothing async), several times faster, which matters at 100,000 emails a run. Imported lazily:
  // Next.js refuses a static react-dom/server import anywhere in the app's module graph.
  const { renderToStaticMarkup } = await import("react-dom/server");
  const html = XHTML_DOCTYPE + renderToStaticMarkup(<DigestEmail {...props} />);
  return { subject, html: split(html), text: split(digestText(props)) };
}

/** The complete message for one recipient; identical for identical stored inputs. */
export async function renderDigest(ctx: RenderContext, r: Recipient): Promise<MailMessage> {
  // Everyone with the same papers, topics and keywords shares one rendered body.
  const key = JSON.stringify([r.paperIds, r.allTopics, [...r.topicIds].sort((a, b) => a - b), [...r.keywords].sort()]);
  let shared = ctx.cache.get(key);
  if (!shared) {
    shared = await renderShared(ctx, r);
    if (ctx.cache.size >= CACHE_LIMIT) ctx.cache.delete(ctx.cache.keys().next().value as string);
    ctx.cache.set(key, shared);
  }
  const link = { id: r.subscriberId, linkSecret: r.linkSecret };
  const unsub = unsubscribeUrl(link);
  const prefs = preferencesUrl(link);
  return {
    to: r.email,
    subject: shared.subject,
    html: fill(shared.html, { unsubscribe: escapeAttribute(unsub), preferences: escapeAttribute(prefs) }),
    text: fill(shared.text, { unsubscribe: unsub, preferences: prefs }),
    headers: {
      "List-Unsubscribe": `<${unsub}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "X-Entity-Ref-ID":
        ctx.sample === undefined
          ? `digest-${ctx.runId}-${r.subscriberId}`
          : `digest-sample-${r.subscriberId}-${Date.now()}`,
    },
  };
}
