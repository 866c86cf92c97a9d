// Choosing the papers for one subscriber: papers in their topics or matching
// their keywords, featured since their last digest, never one they were
// already sent, best trending score first.
import { db } from "@/lib/db/client";
import { TRENDING_SCORE_SQL } from "@/lib/papers/score";
import { VOTES_JOIN } from "@/lib/papers/sql";
import { DAY_MS, isoDate, utcDay } from "@/lib/time";

/** However long someone was away, a digest looks back at most this far. */
export const MAX_LOOKBACK_DAYS = 30;

export type Candidate = {
  id: number;
  featuredOn: Date;
  topicIds: number[];
  /** Title and abstract as normalized words, padded with spaces, for whole-word keyword phrases. */
  text: string;
};

export type SubscriberChoice = {
  id: number;
  allTopics: boolean;
  keywords: string[];
  topicIds: number[];
  lastDigestAt: Date | null;
};

/**
 * Lower-cased words separated by single spaces (punctuation is a separator, but + and # stay:
 * "C++", "C#"). Phrases match whole words: "rl" matches "deep RL agents", not "world".
 */
export function normalizePhrase(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^\p{L}\p{N}+#]+/gu, " ")
    .trim();
}

/** Candidates featured in [since, day], best first (the same order the feed uses). */
export async function loadCandidates(since: Date, day: Date): Promise<Candidate[]> {
  const rows = await db().$queryRawUnsafe<
    { id: number; title: string; summary: string; featured_on: string; topic_ids: number[] | null }[]
  >(
    `SELECT p.id, p.title, p.summary, p.featured_on::text AS featured_on,
            array_agg(pt.topic_id ORDER BY pt.topic_id) FILTER (WHERE pt.topic_id IS NOT NULL) AS topic_ids
       FROM papers p ${VOTES_JOIN} LEFT JOIN paper_topics pt ON pt.paper_id = p.id
      WHERE p.featured_on >= $1::date AND p.featured_on <= $2::date
      GROUP BY p.id, v.paper_id
      ORDER BY ${TRENDING_SCORE_SQL("$2")} DESC, p.source_rank, p.id`,
    isoDate(since),
    isoDate(day),
  );
  return rows.map((r) => ({
    id: r.id,
    featuredOn: new Date(`${r.featured_on}T00:00:00Z`),
    topicIds: r.topic_ids ?? [],
    text: ` ${normalizePhrase(`${r.title} ${r.summary}`)} `,
  }));
}

/** The featured-on floor for a subscriber: the day of their last digest, or the period's default window. */
export function sinceFor(subscriber: Pick<SubscriberChoice, "lastDigestAt">, defaultSince: Date, day: Date): Date {
  const floor = new Date(utcDay(day).getTime() - MAX_LOOKBACK_DAYS * DAY_MS);
  const since = subscriber.lastDigestAt ? utcDay(subscriber.lastDigestAt) : defaultSince;
  return since < floor ? floor : since;
}

export function matches(
  candidate: Candidate,
  subscriber: SubscriberChoice,
  topicSet: Set<number>,
  phrases: string[],
): boolean {
  if (subscriber.allTopics) return true;
  if (candidate.topicIds.some((t) => topicSet.has(t))) return true;
  return phrases.some((p) => candidate.text.includes(` ${p} `));
}

/** The top `max` ids for this subscriber from candidates already in ranking order. */
export function choosePapers(
  candidates: Candidate[],
  subscriber: SubscriberChoice,
  sent: Set<number> | undefined,
  since: Date,
  max: number,
): number[] {
  const topicSet = new Set(subscriber.topicIds);
  const phrases = subscriber.keywords.map(normalizePhrase).filter((p) => p.length > 0);
  const chosen: number[] = [];
  for (const c of candidates) {
    if (chosen.length >= max) break;
    if (c.featuredOn < since || sent?.has(c.id)) continue;
    if (matches(c, subscriber, topicSet, phrases)) chosen.push(c.id);
  }
  return chosen;
}
