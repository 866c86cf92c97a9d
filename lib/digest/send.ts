// Sending a digest run's batches: render each recipient's email, send the batch
// under its idempotency key until the provider answers for good, and record the
// answer in the ledger. Also renders for dry runs, which send nothing.

import { db } from "@/lib/db/client";
import type { MailMessage, MailTransport } from "@/lib/mail/types";
import { VOTES_JOIN } from "@/lib/papers/sql";
import { addRetried, type Batch, batchKeyFor, markFailed, markSent, type RunIdentity, rekeySingles } from "./ledger";
import { backoffMs, type Pacer, type RetryPolicy, sleep } from "./pacing";
import type { DigestPeriod } from "./period";
import { type PaperInfo, type RenderContext, renderDigest, type TopicInfo } from "./render";

/** A fresh render context for a period's digests (runId 0 for a dry run). */
export async function renderContext(runId: number, appUrl: string, period: DigestPeriod): Promise<RenderContext> {
  return {
    runId,
    appUrl,
    frequency: period.frequency,
    periodLabel: period.label,
    feed: period.feed,
    topics: await loadTopics(),
    papers: new Map(),
    cache: new Map(),
  };
}

/** Every recipient's email of a batch, in order. */
export async function renderBatch(ctx: RenderContext, batch: Batch): Promise<MailMessage[]> {
  await ensurePapers(
    ctx,
    batch.recipients.flatMap((r) => r.paperIds),
  );
  const messages: MailMessage[] = [];
  for (const r of batch.recipients) messages.push(await renderDigest(ctx, r));
  return messages;
}

async function loadTopics(): Promise<Map<number, TopicInfo>> {
  const topics = await db().topic.findMany({ select: { id: true, slug: true, name: true } });
  return new Map(topics.map((t) => [t.id, t]));
}

/** Loads the papers a render needs that the context does not hold yet. */
export async function ensurePapers(ctx: RenderContext, ids: number[]): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !ctx.papers.has(id));
  if (missing.length === 0) return;
  // Bounded: a long run over many periods' papers must not grow without limit.
  if (ctx.papers.size > 20_000) ctx.papers.clear();
  const rows = await db().$queryRawUnsafe<
    {
      id: number;
      arxiv_id: string | null;
      title: string;
      summary: string;
      authors: string[];
      repo_url: string | null;
      project_url: string | null;
      votes: number;
      topic_ids: number[];
    }[]
  >(
    `SELECT p.id, p.arxiv_id, p.title, p.summary, p.authors, p.repo_url, p.project_url,
            v.votes,
            ARRAY(SELECT pt.topic_id FROM paper_topics pt WHERE pt.paper_id = p.id ORDER BY pt.topic_id) AS topic_ids
       FROM papers p ${VOTES_JOIN} WHERE p.id = ANY($1::int[])`,
    missing,
  );
  for (const r of rows)
    ctx.papers.set(r.id, {
      id: r.id,
      arxivId: r.arxiv_id,
      title: r.title,
      summary: r.summary,
      authors: r.authors,
      repoUrl: r.repo_url,
      projectUrl: r.project_url,
      votes: r.votes,
      topicIds: r.topic_ids,
    } satisfies PaperInfo);
}

export type Sender = {
  runId: number;
  run: RunIdentity;
  transport: MailTransport;
  ctx: RenderContext;
  pacer: Pacer;
  retry: RetryPolicy;
  digestAt: Date;
  /** Throws when the run must stop. */
  checkRunning: () => void;
};

/** Send one batch until the provider answers for good; the ledger records the answer. */
export async function deliverBatch(state: Sender, group: Batch): Promise<void> {
  const { runId, ctx } = state;
  const messages = await renderBatch(ctx, group);
  const deliveryIds = group.recipients.map((r) => r.deliveryId);

  for (let attempt = 1; ; attempt++) {
    state.checkRunning();
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
      for (const single of singles) await deliverBatch(state, single);
      return;
    }
    if (result.kind === "fatal") throw new Error(`provider refused the batch: ${result.error}`);
    if (attempt >= state.retry.maxAttempts)
      throw new Error(`batch still failing after ${attempt} attempts: ${result.error}`);
    await addRetried(runId);
    await sleep(backoffMs(attempt, state.retry, result.rate));
  }
}
