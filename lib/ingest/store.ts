import type { PrismaClient } from "../db/client";
import { classifyPaperTexts } from "../topics/mutations";
import type { NormalizedPaper } from "./paper";
import { upsertPapers, type UpsertSummary } from "./upsert";

/**
 * The one way every ingest path (CLI, schedule, cron, demo seed, benchmark)
 * stores papers: the idempotent upsert, then topic classification of the rows
 * it created or changed (unchanged rows keep their topics). A dry run writes nothing.
 *
 * Each upsert chunk is classified as soon as its write has committed, from
 * the text just written rather than read back, while later chunks are being
 * merged and written.
 */
export async function storePapers(
  db: PrismaClient,
  papers: NormalizedPaper[],
  options: { dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<UpsertSummary> {
  return upsertPapers(db, papers, { ...options, onChunk: (rows) => classifyPaperTexts(db, rows) });
}
