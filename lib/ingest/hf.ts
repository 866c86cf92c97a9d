import { z } from "zod";
import type { NormalizedPaper } from "./paper";
import { collapse, httpUrl, type ParseResult, parseJson, type Rejection, validatePaper } from "./parse-result";

// Hugging Face daily papers API: GET /api/daily_papers?date=YYYY-MM-DD returns
// a JSON array of { paper: {...}, title, summary, publishedAt, ... }.
// Only the fields Paperboy uses are checked; HF adds fields freely.

const nullableString = z.string().nullish();
const nullableCount = z.number().int().min(0).nullish().catch(null);

const hfPaperSchema = z.looseObject({
  id: z.string(),
  title: nullableString,
  summary: nullableString,
  authors: z.array(z.looseObject({ name: nullableString, hidden: z.boolean().nullish() })).nullish(),
  publishedAt: nullableString,
  submittedOnDailyAt: nullableString,
  upvotes: nullableCount,
  githubRepo: nullableString,
  githubStars: nullableCount,
  projectPage: nullableString,
  ai_keywords: z.array(z.string()).nullish().catch(null),
});

const hfItemSchema = z.looseObject({
  paper: hfPaperSchema,
  title: nullableString,
  summary: nullableString,
  publishedAt: nullableString,
});

export type HfItem = z.infer<typeof hfItemSchema>;

const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;

/** The arXiv id without its version suffix ("2503.01234v2" -> "2503.01234"). */
export function arxivIdWithoutVersion(id: string): string | null {
  const m = ARXIV_ID.exec(id.trim());
  return m ? m[1]! : null;
}

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Parses an HF daily papers response. `date` is the day that was asked for; it
 * is only used when an item lacks paper.submittedOnDailyAt (its featured day).
 */
export function parseHfDailyPapers(text: string, options: { date?: string; source?: string } = {}): ParseResult {
  const json = parseJson(text);
  if (!json.ok) return json;
  return hfItemsToPapers(json.value, options);
}

export function hfItemsToPapers(value: unknown, options: { date?: string; source?: string } = {}): ParseResult {
  if (!Array.isArray(value)) {
    return { ok: false, error: "expected a JSON array of daily papers at the top level" };
  }
  const papers: NormalizedPaper[] = [];
  const rejected: Rejection[] = [];
  const rankByDay = new Map<string, number>();
  for (const [index, raw] of value.entries()) {
    const idHint = typeof raw?.paper?.id === "string" ? ` (${String(raw.paper.id).slice(0, 20)})` : "";
    const location = `record ${index + 1}${idHint}`;
    const item = hfItemSchema.safeParse(raw);
    if (!item.success) {
      const issue = item.error.issues[0]!;
      rejected.push({ location, reason: `${issue.path.join(".") || "record"}: ${issue.message}` });
      continue;
    }
    const { paper } = item.data;
    const featuredOn = (paper.submittedOnDailyAt ?? "").slice(0, 10) || options.date || "";
    const rank = rankByDay.get(featuredOn) ?? 0;
    const candidate = {
      arxivId: arxivIdWithoutVersion(paper.id),
      title: collapse(paper.title ?? item.data.title),
      summary: collapse(paper.summary ?? item.data.summary),
      authors: (paper.authors ?? [])
        .filter((a) => !a.hidden)
        .map((a) => collapse(a.name))
        .filter(Boolean),
      repoUrl: httpUrl(paper.githubRepo),
      repoStars: paper.githubStars ?? null,
      projectUrl: httpUrl(paper.projectPage),
      publishedAt: toDate(paper.publishedAt ?? item.data.publishedAt),
      featuredOn,
      source: options.source ?? "hf",
      sourceRank: rank,
      upvotes: paper.upvotes ?? null,
      keywords: (paper.ai_keywords ?? []).map(collapse).filter(Boolean),
    };
    if (candidate.arxivId === null) {
      rejected.push({ location, reason: `paper.id "${paper.id.slice(0, 40)}" is not an arXiv id` });
      continue;
    }
    const valid = validatePaper(candidate, location);
    if (!valid.ok) {
      rejected.push(valid.rejection);
      continue;
    }
    rankByDay.set(featuredOn, rank + 1);
    papers.push(valid.paper);
  }
  return { ok: true, papers, rejected };
}
