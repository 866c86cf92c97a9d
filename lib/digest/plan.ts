// Planning a digest run: page through the subscribers in id order, choose each
// one's papers, record the choices in the ledger (planned deliveries with their
// batch keys) and hand the sendable batches on. A resumed run continues after
// the last subscriber planned.

import { DAY_MS } from "@/lib/time";
import {
  type Batch,
  batchKeyFor,
  insertPlanned,
  type PlannedRow,
  planCursor,
  type RunIdentity,
  runsSince,
  type SubscriberPageRow,
  subscriberPage,
} from "./ledger";
import type { DigestPeriod } from "./period";
import type { Recipient } from "./render";
import { type Candidate, choosePapers, loadCandidates, MAX_LOOKBACK_DAYS, sinceFor } from "./select";
import type { DigestSettings } from "./settings";

/**
 * One subscriber's papers from a period's candidates: the choice every digest makes, and what the
 * preferences page previews (lib/digest/preview.ts).
 */
export function choosePapersFor(
  candidates: Candidate[],
  sub: Pick<SubscriberPageRow, "id" | "all_topics" | "keywords" | "topic_ids" | "sent_ids">,
  since: Date,
  maxPapers: number,
): number[] {
  return choosePapers(
    candidates,
    { id: sub.id, allTopics: sub.all_topics, keywords: sub.keywords, topicIds: sub.topic_ids, lastDigestAt: null },
    sub.sent_ids.length > 0 ? new Set(sub.sent_ids) : undefined,
    since,
    maxPapers,
  );
}

/** The featured-on floor of one subscriber in a period (their last digest, or the period's window). */
export function sinceForRow(row: Pick<SubscriberPageRow, "last_digest_ms">, period: DigestPeriod): Date {
  return sinceFor(
    { lastDigestAt: row.last_digest_ms === null ? null : new Date(row.last_digest_ms) },
    period.defaultSince,
    period.day,
  );
}

/**
 * Plans every remaining subscriber into the ledger, handing sendable batches to `emit`; without a run
 * (a dry run) nothing is written. `checkRunning` throws when the run must stop.
 */
export async function planDeliveries(
  s: DigestSettings,
  period: DigestPeriod,
  run: RunIdentity | null,
  emit: (batch: Batch) => Promise<void>,
  checkRunning: () => void,
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
    checkRunning();
    // Per page: a run of the other frequency may have sent someone who switched frequency meanwhile.
    const page = await subscriberPage(period.frequency, cursor, pageSize, await runsSince(sentSince));
    if (page.length === 0) break;
    pageSize = Math.min(s.pageSize, pageSize * 2);
    cursor = page[page.length - 1]!.id;

    const sinceOf = new Map(page.map((row) => [row.id, sinceForRow(row, period)]));
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
        paperIds = choosePapersFor(candidates, sub, since, s.maxPapers);
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
    const groups: Batch[] = [];
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
