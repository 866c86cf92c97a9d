import { readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { parseJsonLines } from "./jsonl";
import { parseListing } from "./listing";
import { type NormalizedPaper, titleKey } from "./paper";
import { DEMO_FEATURED_ON } from "./seed";
import { storePapers } from "./store";
import type { UpsertSummary } from "./upsert";

// The built-in demo data: a copied Hugging Face daily papers listing, plus a
// real sample of recent featured days (prisma/seed/README.md says where from),
// so a fresh install has meaningful day, week and month views and trending.
export const DEMO_LISTING = path.join(process.cwd(), "prisma", "seed", "2025-03-14-listing.txt");
export { DEMO_FEATURED_ON } from "./seed";
export const DEMO_SAMPLE = path.join(process.cwd(), "prisma", "seed", "hf-daily-papers-sample.jsonl");
/** What scripts/match-seed.ts found about the listing's papers (arXiv id, authors, votes, links), by title. */
export const DEMO_MATCHES = path.join(process.cwd(), "prisma", "seed", "2025-03-14-matches.jsonl");

async function shippedJsonLines(file: string) {
  const parsed = parseJsonLines(await readFile(file, "utf8"), { source: "seed" });
  // These files ship with the app and are tested: a broken line is a bug, not input to skip.
  if (!parsed.ok || parsed.rejected.length > 0) throw new Error(`${path.basename(file)} has invalid records`);
  return parsed.papers;
}

/**
 * The listing's papers, completed with the matched records: the listing keeps
 * its title, abstract, day and order; a match adds the arXiv id, authors,
 * votes, stars and links.
 */
export async function demoListing(): Promise<NormalizedPaper[]> {
  const text = await readFile(DEMO_LISTING, "utf8");
  const matches = new Map((await shippedJsonLines(DEMO_MATCHES)).map((m) => [titleKey(m.title), m]));
  return parseListing(text, { featuredOn: DEMO_FEATURED_ON }).map((p) => {
    const m = matches.get(titleKey(p.title));
    return {
      ...p,
      arxivId: m?.arxivId ?? null,
      authors: m?.authors ?? [],
      // The match's repository first: its stars are that repository's.
      repoUrl: m?.repoUrl ?? p.repoUrl,
      repoStars: m?.repoUrl ? m.repoStars : null,
      projectUrl: m?.projectUrl ?? p.projectUrl,
      publishedAt: m?.publishedAt ?? null,
      source: "seed",
      upvotes: m?.upvotes ?? null,
      keywords: m?.keywords ?? [],
    };
  });
}

/**
 * Stores the demo papers without their related papers: `npm start` computes every paper's list right
 * after (ensureTaxonomy on a database that never recorded a taxonomy, else ensureRelated), once.
 */
export async function importDemoPapers(): Promise<UpsertSummary> {
  return storePapers([...(await demoListing()), ...(await shippedJsonLines(DEMO_SAMPLE))], { related: false });
}

/** Imports the demo papers only into an empty database. */
export async function seedIfEmpty(): Promise<UpsertSummary | null> {
  if ((await db().paper.count()) > 0) return null;
  const summary = await importDemoPapers();
  // Fresh tables have no planner statistics until autovacuum gets to them (never,
  // where it is off): without them the planner guessed 4x the rows and the search
  // query took twice as long in the load benchmark.
  await db().$executeRawUnsafe(`ANALYZE papers, paper_topics, topics`);
  return summary;
}
