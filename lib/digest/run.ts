// Running one digest: claim the period, plan subscribers page by page into the
// ledger, send the planned batches with a few concurrent senders, and record
// the outcome. Every trigger (scheduler, cron route, CLI) calls runDigest.

import { BoundedQueue } from "@/lib/async/queue";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log as logger } from "@/lib/log";
import { mailer } from "@/lib/mail";
import type { MailMessage, MailTransport } from "@/lib/mail/types";
import { DAY_MS } from "@/lib/time";
import { claimRun, finishRun, renewLease } from "./claim";
import {
  addRetried,
  batchKeyFor,
  insertPlanned,
  ledgerCounts,
  loadInFlight,
  markFailed,
  markSent,
  type PlannedRow,
  planCursor,
  type RunIdentity,
  refreshCounts,
  rekeySingles,
  runsSince,
  subscriberPage,
} from "./ledger";
import { backoffMs, DEFAULT_RETRY, Pacer, type RetryPolicy, sleep } from "./pacing";
import { type DigestPeriod, type Frequency, periodFor, periodFromKey } from "./period";
import { type PaperInfo, type Recipient, type RenderContext, renderDigest, type TopicInfo } from "./render";
import { tooOldToSend } from "./retention";
import { type Candidate, choosePapers, loadCandidates, MAX_LOOKBACK_DAYS, sinceFor } from "./select";

/** Resend's batch endpoint takes at most 100 emails. */
export const MAX_BATCH = 100;

export type DigestOptions = {
  frequency: Frequency;
  /** The moment the run is for (the CLI's --now); defaults to the clock. */
  now?: Date;
  /** Plan and render without writing the ledger or sending. */
  dryRun?: boolean;
  /** Run even before the period's due time (explicit triggers: CLI, cron route). */
  force?: boolean;
  appUrl?: string;
  hour?: number;
  maxPapers?: number;
  /** Subscribers per planning page (one query and one insert each). */
  pageSize?: number;
  batchSize?: number;
  /** Batches in flight at once. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** A running run whose heartbeat is older than this is taken over. */
  staleMs?: number;
  heartbeatMs?: number;
  log?: (message: string) => void;
};

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

type Group = { key: string; recipients: Recipient[] };

class RunAborted extends Error {}

function settings(options: DigestOptions) {
  const config = env();
  const staleMs = options.staleMs ?? 120_000;
  return {
    appUrl: options.appUrl ?? config.APP_URL,
    hour: options.hour ?? config.DIGEST_HOUR,
    maxPapers: options.maxPapers ?? config.DIGEST_MAX_PAPERS,
    pageSize: options.pageSize ?? 1_000,
    batchSize: Math.min(MAX_BATCH, options.batchSize ?? MAX_BATCH),
    concurrency: options.concurrency ?? 6,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    staleMs,
    heartbeatMs: options.heartbeatMs ?? Math.max(50, Math.floor(staleMs / 4)),
    log: options.log ?? ((m: string) => logger.info(m, { job: "digest" })),
  };
}

async function loadTopics(): Promise<Map<number, TopicInfo>> {
  const topics = await db().topic.findMany({ select: { id: true, slug: true, name: true } });
  return new Map(topics.map((t) => [t.id, t]));
}

async function ensurePapers(ctx: RenderContext, ids: number[]): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !ctx.papers.has(id));
  if (missing.length === 0) return;
  // Bounded: a long run over many periods' papers must not grow without limit.
  if (ctx.papers.size > 20_000) ctx.papers.clear();
  const rows = await db().$queryRawUnsafe<
    { id: number; title: string; summary: string; repo_url: string | null; topic_ids: number[] }[]
  >(
    `SELECT p.id, p.title, p.summary, p.repo_url,
            ARRAY(SELECT pt.topic_id FROM paper_topics pt WHERE pt.paper_id = p.id ORDER BY pt.topic_id) AS topic_ids
       FROM papers p WHERE p.id = ANY($1::int[])`,
    missing,
  );
  for (const r of rows)
    ctx.papers.set(r.id, {
      id: r.id,
      title: r.title,
      summary: r.summary,
      repoUrl: r.repo_url,
      topicIds: r.topic_ids,
    } satisfies PaperInfo);
}

/** Plans every remaining subscriber into the ledger, handing sendable batches to `emit`. */
async function plan(
  s: ReturnType<typeof settings>,
  period: DigestPeriod,
  run: RunIdentity | null,
  emit: (group: Group) => Promise<void>,
  isAborted: () => boolean,
): Promise<{ planned: number; skipped: number }> {
  let cursor = run === null ? 0 : await planCursor(run.id);
  const candidatesBySince = new Map<string, Candidate[]>();
  const choices = new Map<string, number[]>();
  let planned = 0;
  let skipped = 0;
  // Small first pages get the first batch out soon; later pages are full size.
  let pageSize = Math.min(s.batchSize, s.pageSize);
  // Sent papers are only looked up as far back as any digest may reach.
  const sentSince = new Date(period.day.getTime() - MAX_LOOKBACK_DAYS * DAY_MS);
  for (;;) {
    if (isAborted()) throw new RunAborted("run aborted");
    // Per page: a run of the other frequency may have sent someone who switched frequency meanwhile.
    const page = await subscriberPage(period.frequency, cursor, pageSize, await runsSince(sentSince));
    if (page.length === 0) break;
    pageSize = Math.min(s.pageSize, pageSize * 2);
    cursor = page[page.length - 1]!.id;

    const sinceOf = new Map(
      page.map((row) => [
        row.id,
        sinceFor(
          { lastDigestAt: row.last_digest_ms === null ? null : new Date(row.last_digest_ms) },
          period.defaultSince,
          period.day,
        ),
      ]),
    );
    const minSince = new Date(Math.min(...[...sinceOf.values()].map((d) => d.getTime())));
    const sinceKey = minSince.toISOString();
    let candidates = candidatesBySince.get(sinceKey);
    if (!candidates) {
      candidatesBySince.clear(); // one window at a time: memory stays bounded
      choices.clear();
      candidates = await loadCandidates(minSince, period.day);
      candidatesBySince.set(sinceKey, candidates);
    }

    const rows: PlannedRow[] = [];
    const recipients: Recipient[] = [];
    for (const sub of page) {
      const since = sinceOf.get(sub.id)!;
      // People with the same topics, keywords and window who were sent none of these papers get the same
      // choice: it is made once (thousands of subscribers share a few hundred such profiles).
      const profile =
        sub.sent_ids.length === 0
          ? JSON.stringify([sub.all_topics, sub.topic_ids, sub.keywords, since.getTime()])
          : null;
      let paperIds = profile === null ? undefined : choices.get(profile);
      if (!paperIds) {
        paperIds = choosePapers(
          candidates,
          {
            id: sub.id,
            allTopics: sub.all_topics,
            keywords: sub.keywords,
            topicIds: sub.topic_ids,
            lastDigestAt: null,
          },
          sub.sent_ids.length > 0 ? new Set(sub.sent_ids) : undefined,
          since,
          s.maxPapers,
        );
        if (profile !== null) {
          if (choices.size >= 10_000) choices.clear();
          choices.set(profile, paperIds);
        }
      }
      if (paperIds.length === 0) {
        rows.push({ subscriberId: sub.id, status: "skipped", paperIds: [], batchKey: null, error: "nothing new" });
        skipped++;
        continue;
      }
      recipients.push({
        deliveryId: 0,
        subscriberId: sub.id,
        email: sub.email,
        linkSecret: sub.link_secret,
        allTopics: sub.all_topics,
        keywords: sub.keywords,
        topicIds: sub.topic_ids,
        paperIds,
      });
    }
    const groups: Group[] = [];
    for (let i = 0; i < recipients.length; i += s.batchSize) {
      const slice = recipients.slice(i, i + s.batchSize);
      const key =
        run === null
          ? "dry-run"
          : batchKeyFor(
              run,
              slice.map((r) => r.subscriberId),
            );
      groups.push({ key, recipients: slice });
      for (const r of slice)
        rows.push({
          subscriberId: r.subscriberId,
          status: "sending",
          paperIds: r.paperIds,
          batchKey: key,
          error: null,
        });
    }
    planned += recipients.length;
    if (run !== null) {
      // Marked `sending` with their batch key before any provider call (see ledger.ts).
      const idOf = await insertPlanned(run.id, rows);
      for (const g of groups) {
        // A recipient someone else planned first is theirs to send.
        const mine = g.recipients
          .filter((r) => idOf.has(r.subscriberId))
          .map((r) => ({ ...r, deliveryId: idOf.get(r.subscriberId)! }));
        if (mine.length === g.recipients.length) await emit({ key: g.key, recipients: mine });
      }
    } else {
      for (const g of groups) await emit(g);
    }
  }
  return { planned, skipped };
}

type SendState = {
  runId: number;
  run: RunIdentity;
  transport: MailTransport;
  ctx: RenderContext;
  pacer: Pacer;
  retry: RetryPolicy;
  digestAt: Date;
  isAborted: () => boolean;
  retried: number;
};

/** Send one batch until the provider answers for good; the ledger records the answer. */
async function sendGroup(state: SendState, group: Group): Promise<void> {
  const { runId, ctx } = state;
  await ensurePapers(
    ctx,
    group.recipients.flatMap((r) => r.paperIds),
  );
  const messages: MailMessage[] = [];
  for (const r of group.recipients) messages.push(await renderDigest(ctx, r));
  const deliveryIds = group.recipients.map((r) => r.deliveryId);

  for (let attempt = 1; ; attempt++) {
    if (state.isAborted()) throw new RunAborted("run aborted");
    const ticket = await state.pacer.acquire();
    const result = await state.transport.sendBatch(messages, {
      idempotencyKey: group.key,
      timeoutMs: state.retry.timeoutMs,
    });
    state.pacer.observe(ticket, result.rate, !result.ok && result.status === 429);
    if (result.ok) {
      await markSent(
        runId,
        deliveryIds,
        deliveryIds.map((_, i) => result.ids[i] ?? null),
        attempt,
        state.digestAt,
      );
      return;
    }
    if (result.kind === "conflict") {
      // The key was already used with this batch's recipients: an earlier attempt was accepted.
      await markSent(
        runId,
        deliveryIds,
        deliveryIds.map(() => null),
        attempt,
        state.digestAt,
        "accepted earlier (idempotency conflict)",
      );
      return;
    }
    if (result.kind === "invalid") {
      if (group.recipients.length === 1) {
        await markFailed(runId, deliveryIds, result.error, attempt);
        return;
      }
      // Strict batches fail whole: find the bad address(es) by sending each one on its own key.
      const singles = group.recipients.map((r) => ({ key: batchKeyFor(state.run, [r.subscriberId]), recipients: [r] }));
      await rekeySingles(
        runId,
        singles.map((g) => ({ deliveryId: g.recipients[0]!.deliveryId, key: g.key })),
      );
      for (const single of singles) await sendGroup(state, single);
      return;
    }
    if (result.kind === "fatal") throw new Error(`provider refused the batch: ${result.error}`);
    if (attempt >= state.retry.maxAttempts)
      throw new Error(`batch still failing after ${attempt} attempts: ${result.error}`);
    state.retried++;
    await addRetried(runId);
    await sleep(backoffMs(attempt, state.retry, result.rate));
  }
}

async function dryRun(s: ReturnType<typeof settings>, period: DigestPeriod, startedAt: number): Promise<DigestSummary> {
  const ctx: RenderContext = {
    runId: 0,
    appUrl: s.appUrl,
    frequency: period.frequency,
    periodLabel: period.label,
    topics: await loadTopics(),
    papers: new Map(),
    cache: new Map(),
  };
  let wouldSend = 0;
  const { skipped } = await plan(
    s,
    period,
    null,
    async (group) => {
      await ensurePapers(
        ctx,
        group.recipients.flatMap((r) => r.paperIds),
      );
      for (const r of group.recipients) await renderDigest(ctx, r);
      wouldSend += group.recipients.length;
    },
    () => false,
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
  const s = settings(options);
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
  const isAborted = () => abortReason !== null;
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

  const state: SendState = {
    runId,
    run: { id: runId, startedAt: claim.run.startedAt },
    transport: mailer(),
    ctx: {
      runId,
      appUrl: s.appUrl,
      frequency: period.frequency,
      periodLabel: period.label,
      topics: await loadTopics(),
      papers: new Map(),
      cache: new Map(),
    },
    pacer: new Pacer(),
    retry: s.retry,
    // Papers featured from this day on are "new" for the next digest.
    digestAt: period.dueAt,
    isAborted,
    retried: 0,
  };

  // Between the planner and the senders: backpressure keeps memory flat however many subscribers there are.
  const queue = new BoundedQueue<Group>(s.concurrency * 2);
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure ??= error;
    abortReason ??= error instanceof Error ? error.message : String(error);
    queue.close();
  };
  const senders = Array.from({ length: s.concurrency }, async () => {
    for (;;) {
      const group = await queue.take();
      if (!group) return;
      await sendGroup(state, group).catch(fail);
    }
  });
  const producer = (async () => {
    // First what a crashed or failed attempt left in flight, with the same keys and payloads.
    for (const group of await loadInFlight(runId)) await queue.put(group);
    await plan(s, period, state.run, (g) => queue.put(g), isAborted);
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
