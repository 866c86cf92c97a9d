import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { ParseResult, Rejection } from "./parse-result";
import { storePapers } from "./store";

// Runs an ingest as a list of units (a day of HF, an arXiv range, a file),
// recorded in one IngestRun: counts, status, error, and the units done so far
// in params.done, so a re-run of the same long range continues where the last
// one stopped.

export type IngestUnit = { key: string; load: () => Promise<ParseResult> };

export type IngestReport = {
  status: "completed" | "failed";
  runId: number | null;
  parsed: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** Units skipped because an earlier run of the same range had done them. */
  resumedUnits: number;
  createdIds: number[];
  updatedIds: number[];
  error?: string;
};

export type RunParams = { key: string; done: string[]; rejections: Rejection[]; [extra: string]: unknown };

// Enough to see what went wrong; the CLI prints all of them itself.
const MAX_RECORDED_REJECTIONS = 100;

/** The unfinished run of the same key to continue, or a new one. */
export async function openRun(
  source: string,
  key: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: number; params: RunParams }> {
  const previous = await db().ingestRun.findFirst({
    where: { source, runKey: null, status: { in: ["running", "failed"] }, params: { path: ["key"], equals: key } },
    orderBy: { id: "desc" },
  });
  if (previous) {
    await db().ingestRun.update({
      where: { id: previous.id },
      data: { status: "running", error: null, finishedAt: null },
    });
    return { id: previous.id, params: previous.params as RunParams };
  }
  const params: RunParams = { ...extra, key, done: [], rejections: [] };
  const run = await db().ingestRun.create({ data: { source, params: params as Prisma.InputJsonObject } });
  return { id: run.id, params };
}

/** After each unit, and within a unit after each stored chunk (papersDone of papersTotal). */
export type ProgressListener = (event: {
  unit: number;
  units: number;
  key: string;
  report: IngestReport;
  papersDone?: number;
  papersTotal?: number;
}) => void;

/**
 * Ingests the units not yet done. Never throws: a failure (network, parse,
 * database) ends the run as failed with its reason, recorded when there is a run.
 */
export async function runIngest(options: {
  units: IngestUnit[];
  run?: { id: number; params: RunParams };
  dryRun?: boolean;
  onProgress?: ProgressListener;
  /** The clock for finishedAt (the scheduled job runs on the time it was given). */
  now?: () => Date;
}): Promise<IngestReport> {
  const { run, dryRun = false } = options;
  const report: IngestReport = {
    status: "completed",
    runId: run?.id ?? null,
    parsed: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    resumedUnits: 0,
    createdIds: [],
    updatedIds: [],
  };
  const done = new Set(run?.params.done ?? []);
  const params: RunParams | undefined = run && {
    ...run.params,
    done: [...done],
    rejections: run.params.rejections ?? [],
  };

  try {
    for (const [index, unit] of options.units.entries()) {
      if (done.has(unit.key)) {
        report.resumedUnits++;
        options.onProgress?.({ unit: index + 1, units: options.units.length, key: unit.key, report });
        continue;
      }
      const parsed = await unit.load();
      if (!parsed.ok) {
        report.status = "failed";
        report.error = `${unit.key}: ${parsed.error}`;
        break;
      }
      report.parsed += parsed.papers.length;
      report.rejected.push(...parsed.rejected.map((r) => ({ ...r, location: `${unit.key} ${r.location}` })));
      const stored = await storePapers(parsed.papers, {
        dryRun,
        onProgress: (papersDone, papersTotal) =>
          options.onProgress?.({
            unit: index,
            units: options.units.length,
            key: unit.key,
            report,
            papersDone,
            papersTotal,
          }),
      });
      report.created += stored.created;
      report.updated += stored.updated;
      report.unchanged += stored.unchanged;
      report.createdIds.push(...stored.createdIds);
      report.updatedIds.push(...stored.updatedIds);
      if (run && params && !dryRun) {
        params.done.push(unit.key);
        params.rejections = [...params.rejections, ...report.rejected].slice(0, MAX_RECORDED_REJECTIONS);
        await db().ingestRun.update({
          where: { id: run.id },
          data: {
            params: params as Prisma.InputJsonObject,
            created: { increment: stored.created },
            updated: { increment: stored.updated },
            unchanged: { increment: stored.unchanged },
            rejected: { increment: parsed.rejected.length },
          },
        });
      }
      options.onProgress?.({ unit: index + 1, units: options.units.length, key: unit.key, report });
    }
  } catch (error) {
    report.status = "failed";
    report.error = error instanceof Error ? error.message : String(error);
  }

  if (run && !dryRun) {
    await db()
      .ingestRun.update({
        where: { id: run.id },
        data: {
          status: report.status,
          error: report.error?.slice(0, 2_000) ?? null,
          finishedAt: options.now?.() ?? new Date(),
        },
      })
      .catch(() => {
        // The database itself is down: nothing more can be recorded; the report still says why.
      });
  }
  return report;
}
