import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "../db/client";
import { parseListing } from "./listing";
import { classifyPapers } from "../topics/mutations";
import { upsertPapers, type UpsertSummary } from "./upsert";

// The built-in demo data: a copied Hugging Face daily papers listing.
export const DEMO_LISTING = path.join(process.cwd(), "prisma", "seed", "2025-03-14-listing.txt");
export const DEMO_FEATURED_ON = "2025-03-14";

export async function importDemoPapers(db: PrismaClient): Promise<UpsertSummary> {
  const text = await readFile(DEMO_LISTING, "utf8");
  const papers = parseListing(text, { featuredOn: DEMO_FEATURED_ON }).map((p) => ({
    ...p,
    arxivId: null,
    authors: [],
    repoStars: null,
    publishedAt: null,
    source: "seed",
    upvotes: null,
    keywords: [],
  }));
  const summary = await upsertPapers(db, papers);
  await classifyPapers(db, [...summary.createdIds, ...summary.updatedIds]);
  return summary;
}

/** Imports the demo papers only into an empty database. */
export async function seedIfEmpty(db: PrismaClient): Promise<UpsertSummary | null> {
  if ((await db.paper.count()) > 0) return null;
  return importDemoPapers(db);
}
