import { plainText } from "./text";
import type { PaperListItem } from "./types";
import { paperUrl } from "./url";

// The public JSON shape of a paper (GET /api/papers), kept separate from the
// internal row so internal columns can change without breaking clients.

export type ApiPaper = {
  id: number;
  url: string;
  arxivId: string | null;
  title: string;
  summary: string;
  authors: string[];
  repoUrl: string | null;
  projectUrl: string | null;
  publishedAt: string | null;
  featuredOn: string;
  /** Source upvotes plus local votes. */
  upvotes: number;
  /** Topic slugs. */
  topics: string[];
  /** Trending score on the day of the request (see /about). */
  score: number;
};

export function toApiPaper(p: PaperListItem, appUrl: string): ApiPaper {
  return {
    id: p.id,
    url: paperUrl(appUrl, p),
    arxivId: p.arxivId,
    // Rows stored before ingest dropped bidi overrides are neutralised on the way out (lib/papers/text.ts).
    title: plainText(p.title),
    summary: plainText(p.summary),
    authors: p.authors.map(plainText),
    repoUrl: p.repoUrl,
    projectUrl: p.projectUrl,
    publishedAt: p.publishedAt,
    featuredOn: p.featuredOn,
    upvotes: p.upvotes,
    topics: p.topics.map((t) => t.slug),
    score: p.score,
  };
}
