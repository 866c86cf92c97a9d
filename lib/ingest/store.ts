import { computeRelated } from "@/lib/papers/related";
import { topicIds, topicLinkStatements } from "@/lib/topics/mutations";
import type { NormalizedPaper } from "./paper";
import { type UpsertSummary, upsertPapers } from "./upsert";

/**
 * The one way every ingest path (CLI, schedule, cron, demo seed, benchmark)
 * stores papers: the idempotent upsert, with the topics of the rows it creates
 * or changes (unchanged rows keep theirs) classified from the text being
 * written and committed in the same transaction as the rows: a paper is never
 * stored without its topics. Then the related papers of the created and
 * changed rows are computed (lib/papers/related.ts) unless `related` is false
 * (the ingest benchmark times that job on its own). A dry run writes nothing.
 */
export async function storePapers(
  papers: NormalizedPaper[],
  options: { dryRun?: boolean; related?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<UpsertSummary> {
  if (options.dryRun || papers.length === 0) return upsertPapers(papers, options);
  const ids = await topicIds();
  const summary = await upsertPapers(papers, {
    ...options,
    alongside: (rows) => topicLinkStatements(rows, ids).statements,
  });
  if (options.related !== false) await computeRelated([...summary.createdIds, ...summary.updatedIds]);
  return summary;
}
