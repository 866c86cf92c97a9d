import { z } from "zod";
import { arxivIdWithoutVersion } from "./hf";
import type { NormalizedPaper } from "./paper";
import { collapse, firstJsonError, httpUrl, type ParseResult, type Rejection, validatePaper } from "./parse-result";

// JSON Lines in the format of ../shared/data/hf-daily-papers.jsonl: one paper a
// line with arxivId, title, summary, authors, publishedAt, featuredOn, upvotes,
// githubRepo, githubStars, projectPage, keywords, source (its provenance).

const count = z.number().int().min(0).nullish().catch(null);

const lineSchema = z.looseObject({
  arxivId: z.string(),
  title: z.string(),
  summary: z.string().nullish(),
  authors: z.array(z.string()).nullish(),
  publishedAt: z.string().nullish(),
  featuredOn: z.string(),
  upvotes: count,
  githubRepo: z.string().nullish(),
  githubStars: count,
  projectPage: z.string().nullish(),
  keywords: z.array(z.string()).nullish(),
});

/** Parses JSON Lines; a bad line is rejected with its line number, the rest are read. */
export function parseJsonLines(text: string, options: { source?: string } = {}): ParseResult {
  const papers: NormalizedPaper[] = [];
  const rejected: Rejection[] = [];
  const rankByDay = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const location = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      rejected.push({ location: `${location}, column ${firstJsonError(line) + 1}`, reason: "invalid JSON" });
      continue;
    }
    const record = lineSchema.safeParse(value);
    if (!record.success) {
      const issue = record.error.issues[0]!;
      rejected.push({ location, reason: `${issue.path.join(".") || "record"}: ${issue.message}` });
      continue;
    }
    const r = record.data;
    const arxivId = arxivIdWithoutVersion(r.arxivId);
    if (!arxivId) {
      rejected.push({ location, reason: `arxivId "${r.arxivId.slice(0, 40)}" is not an arXiv id` });
      continue;
    }
    const publishedAt = r.publishedAt ? new Date(r.publishedAt) : null;
    const rank = rankByDay.get(r.featuredOn) ?? 0;
    const checked = validatePaper(
      {
        arxivId,
        title: collapse(r.title),
        summary: collapse(r.summary),
        authors: (r.authors ?? []).map(collapse).filter(Boolean),
        repoUrl: httpUrl(r.githubRepo),
        repoStars: r.githubStars ?? null,
        projectUrl: httpUrl(r.projectPage),
        publishedAt: publishedAt && !Number.isNaN(publishedAt.getTime()) ? publishedAt : null,
        featuredOn: r.featuredOn,
        source: options.source ?? "file",
        sourceRank: rank,
        upvotes: r.upvotes ?? null,
        keywords: (r.keywords ?? []).map(collapse).filter(Boolean),
      },
      `${location} (${arxivId})`,
    );
    if (!checked.ok) {
      rejected.push(checked.rejection);
      continue;
    }
    rankByDay.set(r.featuredOn, rank + 1);
    papers.push(checked.paper);
  }
  return { ok: true, papers, rejected };
}
