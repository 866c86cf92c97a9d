import { prisma } from "./db/client";

export type LastIngestRun = {
  source: string;
  status: "running" | "completed" | "failed";
  startedAt: string;
  finishedAt: string | null;
  created: number;
  updated: number;
  rejected: number;
};

export type Health = {
  status: "ok" | "degraded";
  app: "ok";
  database: { status: "ok" | "down"; papers?: number };
  /** The latest ingest run; a failed one is reported here but never marks the site down. */
  ingest?: { lastRun: LastIngestRun | null };
};

export async function checkHealth(): Promise<Health> {
  try {
    const papers = await prisma().paper.count();
    const run = await prisma().ingestRun.findFirst({ orderBy: { id: "desc" } });
    const lastRun = run && {
      source: run.source,
      status: run.status,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      created: run.created,
      updated: run.updated,
      rejected: run.rejected,
    };
    return { status: "ok", app: "ok", database: { status: "ok", papers }, ingest: { lastRun } };
  } catch {
    // The cause goes to the server log, never to the client.
    console.error("[health] database check failed");
    return { status: "degraded", app: "ok", database: { status: "down" } };
  }
}
