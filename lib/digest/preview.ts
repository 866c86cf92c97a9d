// A subscriber's next digest before it arrives: which papers it would carry if
// it went out now, chosen by the planner's own code (plan.ts: choosePapersFor),
// and when it goes out. When nothing new matches, the most recent matching
// papers stand in, and the preview says so. Also renders that preview as a
// sample email: it is sent outside any run, so the ledger (and what the real
// digest will carry) is untouched.

import type { DigestEmailProps } from "@/emails/digest";
import { db } from "@/lib/db/client";
import type { MailMessage } from "@/lib/mail/types";
import { DAY_MS, HOUR_MS, parseDay } from "@/lib/time";
import { runsSince, subscriberRow } from "./ledger";
import { type DigestPeriod, dayLabel, type Frequency, nextPeriod, periodFor, rangeLabel } from "./period";
import { choosePapersFor, sinceForRow } from "./plan";
import { digestProps, type Recipient, type RenderContext, renderDigest } from "./render";
import { type Candidate, choosePapers, loadCandidates, MAX_LOOKBACK_DAYS } from "./select";
import { ensurePapers, renderContext } from "./send";
import { digestSettings } from "./settings";
import type { DigestPreviewView } from "./types";

export type DigestPreview = {
  frequency: Frequency;
  /** The period of the next digest. */
  period: DigestPeriod;
  /** When the next digest goes out (null while the subscription is not active). */
  nextAt: Date | null;
  /**
   * new: what the next digest would carry if it went out now;
   * recent: nothing new matches yet, so the most recent matching papers (the digest is skipped unless new ones come);
   * none: no paper matches at all.
   */
  kind: "new" | "recent" | "none";
  /** The newest featured day in the database, when there are papers at all. */
  newestDay: string | null;
  /** The featured-on floor of "new" for this subscriber. */
  since: Date;
  /** The email's content (per-person links are placeholders until rendered for sending). */
  email: DigestEmailProps;
  recipient: Recipient;
  ctx: RenderContext;
};

export type PreviewSubscriber = { id: number; status: string; frequency: Frequency };

/**
 * When the next digest of a frequency goes out: the current period's due time while it is ahead,
 * or while the current period has not been run (the scheduler takes it within a minute), else the next period's.
 */
export async function nextDigest(
  frequency: Frequency,
  now: Date,
  hour: number,
): Promise<{ period: DigestPeriod; at: Date }> {
  const current = periodFor(frequency, now, hour);
  if (now < current.dueAt) return { period: current, at: current.dueAt };
  const run = await db().digestRun.findUnique({
    where: { frequency_periodKey: { frequency, periodKey: current.key } },
    select: { status: true },
  });
  if (!run || run.status === "failed") return { period: current, at: now };
  const next = nextPeriod(current, hour);
  return { period: next, at: next.dueAt };
}

/** "in 9 hours", "in about an hour", "in 2 days (50 hours)", "within a few minutes". */
export function describeWait(ms: number): string {
  const hours = Math.round(ms / HOUR_MS);
  if (ms < 15 * 60_000) return "within a few minutes";
  if (hours <= 1) return "in about an hour";
  if (hours < 48) return `in ${hours} hours`;
  return `in ${Math.round(hours / 24)} days (${hours} hours)`;
}

/** "Sunday, 29 November 2026 at 08:00 UTC". */
export function describeMoment(at: Date): string {
  return `${dayLabel(at)} at ${at.toISOString().slice(11, 16)} UTC`;
}

async function newestFeaturedDay(): Promise<string | null> {
  const rows = await db().$queryRawUnsafe<{ day: string | null }[]>(`SELECT max(featured_on)::text AS day FROM papers`);
  return rows[0]?.day ?? null;
}

/** The subscriber's next digest as it would be sent now (see DigestPreview). */
export async function previewDigest(
  subscriber: PreviewSubscriber,
  options: { now?: Date; maxPapers?: number; appUrl?: string } = {},
): Promise<DigestPreview | null> {
  const now = options.now ?? new Date();
  const s = digestSettings({ frequency: subscriber.frequency, appUrl: options.appUrl });
  const maxPapers = options.maxPapers ?? s.maxPapers;
  const next = await nextDigest(subscriber.frequency, now, s.hour);
  const period = next.period;
  // The same inputs the planner reads: the person's topics, keywords, last digest and the papers already sent.
  const row = await subscriberRow(
    subscriber.id,
    await runsSince(new Date(period.day.getTime() - MAX_LOOKBACK_DAYS * DAY_MS)),
  );
  if (!row) return null;
  const since = sinceForRow(row, period);
  let paperIds = choosePapersFor(await loadCandidates(since, period.day), row, since, maxPapers);
  let kind: DigestPreview["kind"] = "new";
  const ctx = await renderContext(0, s.appUrl, period);
  const newestDay = await newestFeaturedDay();

  if (paperIds.length === 0) {
    kind = "none";
    if (newestDay) {
      // Nothing new: the most recent matching papers, ranked as they were on the newest featured day.
      const newest = parseDay(newestDay);
      const floor = new Date(newest.getTime() - MAX_LOOKBACK_DAYS * DAY_MS);
      const candidates: Candidate[] = await loadCandidates(floor, newest);
      paperIds = choosePapers(
        candidates,
        {
          id: row.id,
          allTopics: row.all_topics,
          keywords: row.keywords,
          topicIds: row.topic_ids,
          lastDigestAt: null,
        },
        undefined,
        floor,
        maxPapers,
      );
      if (paperIds.length > 0) {
        kind = "recent";
        const oldest = new Date(
          Math.min(...candidates.filter((c) => paperIds.includes(c.id)).map((c) => c.featuredOn.getTime())),
        );
        ctx.periodLabel = `Most recent papers, featured ${rangeLabel(oldest, newest)}`;
        ctx.feed = { period: "month", date: newestDay };
      }
    }
  }

  const recipient: Recipient = {
    deliveryId: 0,
    subscriberId: row.id,
    email: row.email,
    linkSecret: row.link_secret,
    allTopics: row.all_topics,
    keywords: row.keywords,
    topicIds: row.topic_ids,
    paperIds,
  };
  await ensurePapers(ctx, paperIds);
  return {
    frequency: subscriber.frequency,
    period,
    nextAt: subscriber.status === "active" ? next.at : null,
    kind,
    newestDay,
    since,
    email: digestProps(ctx, recipient),
    recipient,
    ctx,
  };
}

/** What the preferences page shows of a preview. */
export function previewView(preview: DigestPreview, status: string, now = new Date()): DigestPreviewView {
  return {
    kind: preview.kind,
    frequency: preview.frequency,
    status,
    next: preview.nextAt
      ? {
          at: describeMoment(preview.nextAt),
          wait: describeWait(preview.nextAt.getTime() - now.getTime()),
          iso: preview.nextAt.toISOString(),
        }
      : null,
    sinceLabel: dayLabel(preview.since),
    periodLabel: preview.ctx.periodLabel,
    papers: preview.email.papers,
    seeAll: preview.email.seeAll,
  };
}

/** The notice heading a sample: what it is, and that it changes nothing about the real digest. */
export function sampleNotice(preview: DigestPreview, now: Date): string {
  const sent = `Sample, sent on request on ${describeMoment(now)}; it does not count as a digest.`;
  if (!preview.nextAt) return `${sent} No digest goes out while your subscription is not active.`;
  const when = `Your next ${preview.frequency} digest goes out ${describeMoment(preview.nextAt)}`;
  if (preview.kind === "recent")
    return `${sent} Nothing new matches your choices since ${dayLabel(preview.since)}, so it shows the most recent matching papers. ${when} if new papers match by then.`;
  return `${sent} It shows what your next digest would carry if it went out now. ${when} and still includes these papers.`;
}

/** The preview rendered as a sample email (null when there is nothing to show). */
export async function sampleMessage(preview: DigestPreview, now = new Date()): Promise<MailMessage | null> {
  if (preview.recipient.paperIds.length === 0) return null;
  const ctx: RenderContext = { ...preview.ctx, sample: sampleNotice(preview, now), cache: new Map() };
  return renderDigest(ctx, preview.recipient);
}
