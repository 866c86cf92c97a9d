import type { PrismaClient } from "../db/client";
import type { NormalizedPaper } from "./paper";
import { upsertPapers, type UpsertSummary } from "./upsert";

/**
 * The one way every ingest path (CLI, schedule, cron, demo seed, benchmark)
 * stores papers: the idempotent upsert, then topic classification of the rows
 * it created or changed. A dry run writes nothing.
 */
export async function storePapers(
  db: PrismaClient,
  papers: NormalizedPaper[],
  options: { dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<UpsertSummary> {
  return upsertPapers(db, papers, options);
}
