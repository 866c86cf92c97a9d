// Running one digest: claim the period, plan subscribers page by page into the
// ledger (plan.ts), send the planned batches with a few concurrent senders
// (send.ts), and record the outcome. Every trigger (scheduler, cron route, CLI)
// calls runDigest.

import { BoundedQueue } from "@/lib/async/queue";
import { db } from "@/lib/db/client";
import { mailer } from "@/lib/mail";
import { claimRun, finishRun, renewLease } from "./claim";
import { type Batch, ledgerCounts, loadInFlight, refreshCounts } from "./ledger";
import { Pacer } from "./pacing";
import { type DigestPeriod, type Frequency, periodFor, periodFromKey } from "./period";
import { planDeliveries } from "./plan";
import { tooOldToSend } from "./retention";
import { deliverBatch, renderBatch, renderContext, type Sender } from "./send";
import { type DigestOptions, type DigestSettings, digestSettings } from "./settings";

export type DigestSummary = {
  status: "completed" | "failed" | "notDue" | "alreadyCompleted" | "busy" | "dryRun" | "tooOld";
  frequency: Frequency;
  periodKey: string;
  runId?: number;
  resumed?: boolean;
  sent: number;
  skipped: number;
  failed: number;
  retried: number;
  durationMs: number;
  error?: string;
};

/** Thrown by the planner and the senders once the run must stop (a failure elsewhere, or a lost lease). */
class RunAborted extends Error {}

async function dryRun(s: DigestSettings, period: DigestPeriod, startedAt: number): Promise<DigestSummary> {
  const ctx = await renderContext(0, s.appUrl, period);
  let wouldSend = 0;
  const { skipped } = await planDeliveries(
    s,
    period,
    null,
    async (batch) => {
      await renderBatch(ctx, batch);
      wouldSend += batch.recipients.length;
    },
    () => {},
  );
  return {
    status: "dryRun",
    frequency: period.frequency,
    periodKey: period.key,
    sent: wouldSend,
    skipped,
    failed: 0,
    retried: 0,
    durationMs: Date.now() - startedAt,
  };
}

export async function runDigest(options: DigestOptions): Promise<DigestSummary> {
  const startedAt = Date.now();
  const s = digestSettings(options);
  const now = options.now ?? new Date();
  const current = periodFor(options.frequency, now, s.hour);
  const base = { frequency: options.frequency, periodKey: current.key, sent: 0, skipped: 0, failed: 0, retried: 0 };
  if (!options.force && now < current.dueAt) return { ...base, status: "notDue", durationMs: 0 };
  // A period's content is derived from its key alone, so a resumed run plans exactly like the first.
  const period = periodFromKey(options.frequency, current.key, s.hour)!;
  // Only an explicit trigger for a long-past period (the CLI's --now) can get here.
  const tooOld = await tooOldToSend(period);
  if (tooOld) return { ...base, status: "tooOld", error: tooOld, durationMs: 0 };
  if (options.dryRun) return dryRun(s, period, startedAt);

  const claim = await claimRun(options.frequency, period.key, s.staleMs);
  if (!claim.ok) {
    const { sent, skipped, failed, retried } = claim.run;
    return {
      ...base,
      status: claim.reason === "completed" ? "alreadyCompleted" : "busy",
      runId: claim.run.id,
      sent,
      skipped,
      failed,
      retried,
      durationMs: Date.now() - startedAt,
    };
  }
  const runId = claim.run.id;
  let lease = claim.lease;
  let abortReason = null as string | null;
  const checkRunning = () => {
    if (abortReason !== null) throw new RunAborted("run aborted");
  };
  s.log(`${claim.resumed ? "resuming" : "starting"} run ${runId} (${options.frequency} ${period.key})`);

  // The heartbeat renews the lease; losing it means another trigger took over, so this one stops.
  let beating = Promise.resolve();
  const heartbeat = setInterval(() => {
    beating = beating.then(async () => {
      if (abortReason) return;
      const next = await renewLease(runId, lease).catch(() => lease);
      if (next) {
        lease = next;
        // Live counters for /api/health while the run works.
        await refreshCounts(runId).catch(() => {});
      } else abortReason = "lease lost: another trigger took the run over";
    });
  }, s.heartbeatMs);

  const sender: Sender = {
    runId,
    run: { id: runId, startedAt: claim.run.startedAt },
    transport: mailer(),
    ctx: await renderContext(runId, s.appUrl, period),
    pacer: new Pacer(),
    retry: s.retry,
    // Papers featured from this day on are "new" for the next digest.
    digestAt: period.dueAt,
    checkRunning,
  };

  // Between the planner and the senders: backpressure keeps memory flat however many subscribers there are.
  const queue = new BoundedQueue<Batch>(s.concurrency * 2);
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure ??= error;
    abortReason ??= error instanceof Error ? error.message : String(error);
    queue.close();
  };
  const senders = Array.from({ length: s.concurrency }, async () => {
    for (;;) {
      const batch = await queue.take();
      if (!batch) return;
      await deliverBatch(sender, batch).catch(fail);
    }
  });
  const producer = (async () => {
    // First what a crashed or failed attempt left in flight, with the same keys and payloads.
    for (const batch of await loadInFlight(runId)) await queue.put(batch);
    await planDeliveries(s, period, sender.run, (b) => queue.put(b), checkRunning);
  })()
    .catch(fail)
    .finally(() => queue.close());

  await producer;
  await Promise.all(senders);
  clearInterval(heartbeat);
  await beating;

  const counts = await ledgerCounts(runId);
  const run = await db().digestRun.findUniqueOrThrow({ where: { id: runId } });
  const summary: DigestSummary = {
    ...base,
    runId,
    resumed: claim.resumed,
    status: "completed",
    sent: counts.sent,
    skipped: counts.skipped,
    failed: counts.failed,
    retried: run.retried,
    durationMs: Date.now() - startedAt,
  };
  if (failure || abortReason || counts.sending + counts.pending > 0) {
    const error =
      failure instanceof Error
        ? failure.message
        : (abortReason ?? `${counts.sending + counts.pending} deliveries left unsent`);
    if (!abortReason?.startsWith("lease lost")) {
      await finishRun(runId, lease, {
        status: "failed",
        error,
        counts: { sent: counts.sent, skipped: counts.skipped, failed: counts.failed },
      });
    }
    s.log(`run ${runId} failed: ${error}`);
    return { ...summary, status: "failed", error };
  }
  await finishRun(runId, lease, {
    status: "completed",
    counts: { sent: counts.sent, skipped: counts.skipped, failed: counts.failed },
  });
  s.log(
    `run ${runId} completed: ${counts.sent} sent, ${counts.skipped} skipped, ${counts.failed} failed, ${run.retried} retried`,
  );
  return summary;
}
