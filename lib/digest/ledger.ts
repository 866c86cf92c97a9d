// The per-recipient delivery ledger. Every write is one SQL statement, so a
// crash leaves each batch either entirely before or entirely after the write.
//
//   sending  the delivery is in the batch named by batch_key: that batch may
//            or may not have reached the provider; a resumed run re-sends the
//            same recipients with the same key and payload, and the provider
//            replays its first answer instead of mailing again
//   sent     accepted by the provider (provider_message_id), subscriber.last_digest_at
//            moved on; its paper_ids are the papers this person was sent (later
//            digests exclude them: the ledger is the record, no second copy)
//   skipped  nothing new for this person (or no longer active)
//   failed   the provider refused this address (422), with the reason

import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { type Frequency, periodFromKey } from "./period";
import type { Recipient } from "./render";

export type PlannedRow = {
  subscriberId: number;
  status: "sending" | "skipped";
  paperIds: number[];
  batchKey: string | null;
  error: string | null;
};

export type RunIdentity = { id: number; startedAt: Date };

/** Recipients sent as one provider call under one idempotency key (batchKeyFor). */
export type Batch = { key: string; recipients: Recipient[] };

/**
 * Idempotency-Key of a batch: the run and exactly these recipients (in
 * subscriber order). The run's start time joins its id so a key never
 * collides with one from another database (ids restart, provider keys live 24 h).
 */
export function batchKeyFor(run: RunIdentity, subscriberIds: number[]): string {
  const ids = [...subscriberIds].sort((a, b) => a - b).join(",");
  return `digest-${run.id}-${run.startedAt.getTime().toString(36)}-${createHash("sha256").update(ids).digest("hex").slice(0, 40)}`;
}

/** Insert a planned page; returns subscriber id -> delivery id for the rows actually inserted (someone else may have planned one). */
export async function insertPlanned(runId: number, rows: PlannedRow[]): Promise<Map<number, number>> {
  if (rows.length === 0) return new Map();
  const inserted = await db().$queryRawUnsafe<{ subscriber_id: number; id: number }[]>(
    `WITH ins AS (
       INSERT INTO deliveries (run_id, subscriber_id, status, paper_ids, batch_key, error, updated_at)
       SELECT $1, u.sid, u.st::delivery_status, string_to_array(u.pids, ',')::int[], u.bk, u.err, now()
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(sid, st, pids, bk, err)
       ON CONFLICT (run_id, subscriber_id) DO NOTHING
       RETURNING id, subscriber_id)
     SELECT id, subscriber_id FROM ins`,
    runId,
    rows.map((r) => r.subscriberId),
    rows.map((r) => r.status),
    rows.map((r) => r.paperIds.join(",")),
    rows.map((r) => r.batchKey),
    rows.map((r) => r.error),
  );
  return new Map(inserted.map((r) => [r.subscriber_id, r.id]));
}

/** Accepted by the provider: the deliveries and the subscribers, at once. */
export async function markSent(
  runId: number,
  deliveryIds: number[],
  messageIds: (string | null)[],
  attempts: number,
  digestAt: Date,
  note: string | null = null,
): Promise<number> {
  const rows = await db().$queryRawUnsafe<{ n: number }[]>(
    `WITH v AS (SELECT * FROM unnest($2::int[], $3::text[]) AS v(id, mid)),
     upd AS (
       UPDATE deliveries d SET status = 'sent', provider_message_id = v.mid, error = $4, attempts = d.attempts + $5, updated_at = now()
         FROM v WHERE d.id = v.id AND d.run_id = $1 AND d.status = 'sending'
       RETURNING d.subscriber_id, d.paper_ids),
     subs AS (
       UPDATE subscribers s SET last_digest_at = GREATEST(s.last_digest_at, $6::timestamptz AT TIME ZONE 'UTC'), updated_at = now()
         FROM upd WHERE s.id = upd.subscriber_id)
     SELECT count(*)::int AS n FROM upd`,
    runId,
    deliveryIds,
    messageIds,
    note,
    attempts,
    digestAt.toISOString(),
  );
  return rows[0]?.n ?? 0;
}

export async function markFailed(runId: number, deliveryIds: number[], error: string, attempts: number): Promise<void> {
  await db().$executeRawUnsafe(
    `UPDATE deliveries SET status = 'failed', error = $3, attempts = attempts + $4, updated_at = now()
      WHERE run_id = $1 AND id = ANY($2::int[]) AND status = 'sending'`,
    runId,
    deliveryIds,
    error.slice(0, 500),
    attempts,
  );
}

/** Before sending a refused batch one by one: each delivery gets its own key, so a crash mid-way resumes per person. */
export async function rekeySingles(runId: number, singles: { deliveryId: number; key: string }[]): Promise<void> {
  await db().$executeRawUnsafe(
    `UPDATE deliveries d SET batch_key = v.key, updated_at = now()
       FROM unnest($2::int[], $3::text[]) AS v(id, key)
      WHERE d.id = v.id AND d.run_id = $1 AND d.status = 'sending'`,
    runId,
    singles.map((s) => s.deliveryId),
    singles.map((s) => s.key),
  );
}

export async function addRetried(runId: number, n = 1): Promise<void> {
  await db().$executeRawUnsafe(`UPDATE digest_runs SET retried = retried + $2 WHERE id = $1`, runId, n);
}

export const RECIPIENT_COLUMNS = `s.email, s.link_secret, s.all_topics, s.keywords,
  ARRAY(SELECT st.topic_id FROM subscriber_topics st WHERE st.subscriber_id = s.id ORDER BY st.topic_id) AS topic_ids`;

type RecipientRow = {
  delivery_id: number;
  subscriber_id: number;
  paper_ids: number[];
  batch_key: string;
  email: string;
  link_secret: string;
  all_topics: boolean;
  keywords: string[];
  topic_ids: number[];
};

/** Batches a crashed or failed attempt left in flight, grouped by their key (resume sends them first). */
export async function loadInFlight(runId: number): Promise<Batch[]> {
  const rows = await db().$queryRawUnsafe<RecipientRow[]>(
    `SELECT d.id AS delivery_id, d.subscriber_id, d.paper_ids, d.batch_key, ${RECIPIENT_COLUMNS}
       FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
      WHERE d.run_id = $1 AND d.status = 'sending'
      ORDER BY d.batch_key, d.subscriber_id`,
    runId,
  );
  const groups = new Map<string, Recipient[]>();
  for (const r of rows) {
    const list = groups.get(r.batch_key) ?? [];
    list.push({
      deliveryId: r.delivery_id,
      subscriberId: r.subscriber_id,
      email: r.email,
      linkSecret: r.link_secret,
      allTopics: r.all_topics,
      keywords: r.keywords,
      topicIds: r.topic_ids,
      paperIds: r.paper_ids,
    });
    groups.set(r.batch_key, list);
  }
  return [...groups.entries()].map(([key, recipients]) => ({ key, recipients }));
}

/** Where planning stopped: subscribers are planned in id order, one page per statement. */
export async function planCursor(runId: number): Promise<number> {
  const rows = await db().$queryRawUnsafe<{ max: number | null }[]>(
    `SELECT max(subscriber_id) AS max FROM deliveries WHERE run_id = $1`,
    runId,
  );
  return rows[0]?.max ?? 0;
}

export type SubscriberPageRow = {
  id: number;
  email: string;
  link_secret: string;
  all_topics: boolean;
  keywords: string[];
  topic_ids: number[];
  last_digest_ms: number | null;
  /** Papers this person was sent by the given runs (from the ledger). */
  sent_ids: number[];
};

/**
 * Runs whose deliveries may hold papers featured on or after `since` (a run only sends papers featured
 * on or before its period's day), so "already sent" reads a bounded part of the ledger however long the
 * history. By period, not by clock, so runs for simulated dates (--now) are judged like real ones.
 */
export async function runsSince(since: Date): Promise<number[]> {
  const runs = await db().$queryRawUnsafe<{ id: number; frequency: Frequency; period_key: string }[]>(
    `SELECT id, frequency::text AS frequency, period_key FROM digest_runs WHERE NOT dry_run`,
  );
  return runs
    .filter((r) => {
      const period = periodFromKey(r.frequency, r.period_key, 0);
      return period === null || period.day >= since;
    })
    .map((r) => r.id);
}

const SUBSCRIBER_COLUMNS = `s.id, ${RECIPIENT_COLUMNS}, (extract(epoch FROM s.last_digest_at) * 1000)::float8 AS last_digest_ms,
  ARRAY(SELECT u.pid FROM deliveries d CROSS JOIN LATERAL unnest(d.paper_ids) AS u(pid)
         WHERE d.subscriber_id = s.id AND d.status = 'sent' AND d.run_id = ANY($1::int[])) AS sent_ids`;

/** One page of active subscribers of a frequency, keyset by id: memory stays flat however long the list. */
export async function subscriberPage(
  frequency: Frequency,
  afterId: number,
  limit: number,
  sentRuns: number[],
): Promise<SubscriberPageRow[]> {
  return db().$queryRawUnsafe<SubscriberPageRow[]>(
    `SELECT ${SUBSCRIBER_COLUMNS}
       FROM subscribers s
      WHERE s.status = 'active' AND s.frequency = $2::digest_frequency AND s.id > $3
      ORDER BY s.id LIMIT $4`,
    sentRuns,
    frequency,
    afterId,
    limit,
  );
}

/** One subscriber as the planner sees them, whatever their status (the preview of their next digest). */
export async function subscriberRow(id: number, sentRuns: number[]): Promise<SubscriberPageRow | null> {
  const rows = await db().$queryRawUnsafe<SubscriberPageRow[]>(
    `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers s WHERE s.id = $2`,
    sentRuns,
    id,
  );
  return rows[0] ?? null;
}

/** The run's counters from the ledger (refreshed by the heartbeat; exact across crashes and resumes). */
export async function refreshCounts(runId: number): Promise<void> {
  await db().$executeRawUnsafe(
    `UPDATE digest_runs r SET sent = c.sent, skipped = c.skipped, failed = c.failed
       FROM (SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent,
                    count(*) FILTER (WHERE status = 'skipped')::int AS skipped,
                    count(*) FILTER (WHERE status = 'failed')::int AS failed
               FROM deliveries WHERE run_id = $1) c
      WHERE r.id = $1`,
    runId,
  );
}

/** Final counts straight from the ledger (exact across crashes and resumes). */
export async function ledgerCounts(
  runId: number,
): Promise<Record<"pending" | "sending" | "sent" | "skipped" | "failed", number>> {
  const rows = await db().$queryRawUnsafe<{ status: string; n: number }[]>(
    `SELECT status::text AS status, count(*)::int AS n FROM deliveries WHERE run_id = $1 GROUP BY status`,
    runId,
  );
  const counts = { pending: 0, sending: 0, sent: 0, skipped: 0, failed: 0 };
  for (const r of rows) counts[r.status as keyof typeof counts] = r.n;
  return counts;
}
