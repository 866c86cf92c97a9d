import type { PrismaClient } from "../db/client";
import { classifyPaperTexts } from "../topics/mutations";
import type { NormalizedPaper } from "./paper";
import { upsertPapers, type ChangedPaper, type UpsertSummary } from "./upsert";

/**
 * The one way every ingest path (CLI, schedule, cron, demo seed, benchmark)
 * stores papers: the idempotent upsert, then topic classification of the rows
 * it created or changed (unchanged rows keep their topics). A dry run writes nothing.
 *
 * Each upsert chunk is classified as soon as it is written, one chunk at a
 * time and in order, while the next chunk is being stored (the classifier's
 * CPU work overlaps the database's), from the text just written rather than
 * read back.
 */
export async function storePapers(
  db: PrismaClient,
  papers: NormalizedPaper[],
  options: { dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<UpsertSummary> {
  let classified: Promise<unknown> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const classify = (rows: ChangedPaper[]) => {
    classified = classified
      .then(() => (failure ? undefined : classifyPaperTexts(db, rows)))
      .catch((error: unknown) => void (failure ??= { error }));
  };
  const summary = await upsertPapers(db, papers, { ...options, onChunk: options.dryRun ? undefined : classify }).finally(
    () => classified,
  );
  await classified;
  if (failure) throw failure.error;
  return summary;
}
