import { readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { parseJsonLines } from "./jsonl";
import { parseListing } from "./listing";
import { storePapers } from "./store";
import type { UpsertSummary } from "./upsert";

// The built-in demo data: a copied Hugging Face daily papers listing, plus a
// real sample of recent featured days (prisma/seed/README.md says where from),
// so a fresh install has meaningful day, week and month views and trending.
export const DEMO_LISTING = path.join(process.cwd(), "prisma", "seed", "2025-03-14-listing.txt");
export const DEMO_FEATURED_ON = "2025-03-14";
export const DEMO_SAMPLE = path.join(process.cwd(), "prisma", "seed", "hf-daily-papers-sample.jsonl");

export async function importDemoPapers(): Promise<UpsertSummary> {
  const text = await readFile(DEMO_LISTING, "utf8");
  const listing = parseListing(text, { featuredOn: DEMO_FEATURED_ON }).map((p) => ({
    ...p,
    arxivId: null,
    authors: [],
    repoStars: null,
    publishedAt: null,
    source: "seed",
    upvotes: null,
    keywords: [],
  }));
  const sample = parseJsonLines(await readFile(DEMO_SAMPLE, "utf8"), { source: "seed" });
  // The sample ships with the app and is tested: a broken line is a bug, not input to skip.
  if (!sample.ok || sample.rejected.length > 0) throw new Error("prisma/seed sample has invalid records");
  return storePapers([...listing, ...sample.papers]);
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
