import { db } from "@/lib/db/client";

export type LastIngestRun = {
  source: string;
  status: "running" | "completed" | "failed";
  startedAt: string;
  finishedAt: string | null;
  created: number;
  updated: number;
  rejected: number;
};

/** The latest ingest run for /api/health; its error text stays in the database and the logs. */
export async function lastIngestRun(): Promise<LastIngestRun | null> {
  const run = await db().ingestRun.findFirst({ orderBy: { id: "desc" } });
  if (!run) return null;
  return {
    source: run.source,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    created: run.created,
    updated: run.updated,
    rejected: run.rejected,
  };
}
