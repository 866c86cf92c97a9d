// One run per frequency and period, claimed through the unique key. A run's
// heartbeat is its lease: whoever holds the current heartbeat value owns the
// run; a run whose heartbeat went stale (crashed process) or that failed is
// taken over by the next trigger, which resumes it from the ledger.
import { db } from "@/lib/db/client";
import type { DigestRun } from "@/lib/db/generated/client";
import type { Frequency } from "./period";

export type Claim =
  | { ok: true; run: DigestRun; lease: Date; resumed: boolean }
  | { ok: false; reason: "completed" | "busy"; run: DigestRun };

export async function claimRun(frequency: Frequency, periodKey: string, staleMs: number): Promise<Claim> {
  let existing = await db().digestRun.findUnique({ where: { frequency_periodKey: { frequency, periodKey } } });
  if (!existing) {
    const lease = new Date();
    const created = await db().digestRun.createMany({
      data: [{ frequency, periodKey, heartbeatAt: lease }],
      skipDuplicates: true,
    });
    existing = await db().digestRun.findUniqueOrThrow({ where: { frequency_periodKey: { frequency, periodKey } } });
    if (created.count === 1 && existing.heartbeatAt.getTime() === lease.getTime())
      return { ok: true, run: existing, lease, resumed: false };
  }
  if (existing.status === "completed") return { ok: false, reason: "completed", run: existing };
  if (Date.now() - existing.heartbeatAt.getTime() < staleMs) return { ok: false, reason: "busy", run: existing };
  // Compare-and-set on the old heartbeat: of two triggers taking over at once, one wins.
  const lease = new Date(Math.max(Date.now(), existing.heartbeatAt.getTime() + 1));
  const taken = await db().digestRun.updateMany({
    where: { id: existing.id, heartbeatAt: existing.heartbeatAt, status: existing.status },
    data: { status: "running", heartbeatAt: lease, error: null, finishedAt: null },
  });
  if (taken.count !== 1) return { ok: false, reason: "busy", run: existing };
  return { ok: true, run: { ...existing, status: "running", heartbeatAt: lease }, lease, resumed: true };
}

/** Refresh the lease; false when another trigger took the run over (this one must stop). */
export async function renewLease(runId: number, lease: Date): Promise<Date | null> {
  const next = new Date(Math.max(Date.now(), lease.getTime() + 1));
  const updated = await db().digestRun.updateMany({
    where: { id: runId, heartbeatAt: lease, status: "running" },
    data: { heartbeatAt: next },
  });
  return updated.count === 1 ? next : null;
}

export async function finishRun(
  runId: number,
  lease: Date,
  outcome: {
    status: "completed" | "failed";
    error?: string;
    counts?: { sent: number; skipped: number; failed: number };
  },
): Promise<void> {
  await db().digestRun.updateMany({
    where: { id: runId, heartbeatAt: lease },
    data: {
      status: outcome.status,
      error: outcome.error?.slice(0, 1000) ?? null,
      finishedAt: new Date(),
      // A failed run's heartbeat marks when it failed: the next trigger retries it once it is stale.
      heartbeatAt: new Date(Math.max(Date.now(), lease.getTime() + 1)),
      ...(outcome.counts ?? {}),
    },
  });
}
