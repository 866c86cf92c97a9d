import { runInTransaction } from "@/lib/db/bulk";
import { db } from "@/lib/db/client";

// Related papers, computed ahead of time so the paper page reads five rows by
// primary key (paper_related) instead of ranking candidates per request.
//
// A candidate's relevance to a paper P is
//
//   ( Σ over P's rarest terms t:  idf(t) · wP(t) · wC(t)          shared terms
//   + TOPIC_WEIGHT · Σ over shared topics s:  idf(s) )             shared topics
//   · (1 + |days between their featured days| / RECENCY_DAYS) ^ -RECENCY_POWER
//
// where the terms are the lexemes of P's title and abstract ('english' config,
// the same as papers.search_vector), idf = ln(N / papers containing it) from
// search_terms, wP is 1 for a term of P's title and 0.5 for one only in its
// abstract, and wC likewise for the candidate. Only P's TERMS_PER_PAPER rarest
// terms count: common words ("model", "learning") say little about a paper and
// would make the candidate set unbounded. Equal scores go to the more recent
// paper, then the higher id: never the lowest ids.

/** Related papers stored per paper. */
export const RELATED_COUNT = 5;
/** Bump when the formula changes: start-up recomputes every list whose version differs. */
export const RELATED_VERSION = "3";
export const RELATED_VERSION_KEY = "related_version";
/** app_state key: the paper count search_terms was counted at (recounted when the table grows by a tenth). */
export const TERM_STATS_KEY = "search_terms_papers";

const TERMS_PER_PAPER = 12;
const TOPIC_WEIGHT = 1.5;
const RECENCY_DAYS = 90;
const RECENCY_POWER = 0.25;
/** Candidates per paper from its terms (GIN index; a cap that only a paper of many borderline terms reaches), and from each of its topics (newest first). */
const TERM_CANDIDATES = 1000;
const TOPIC_CANDIDATES = 50;
/** Candidates per paper that the second pass (title matches, recency) ranks. */
const SHORTLIST = 40;
/** Terms per paper that score the shortlist, among those in at most 1/BROAD_SHARE of all papers. */
const SCORING_TERMS = 24;
const BROAD_SHARE = 20;
/** Papers per statement: big enough to amortise the statement, small enough to keep PGlite's one session free. */
const CHUNK = 100;

/**
 * Terms in more than this many papers are too common to pick a paper's
 * neighbours: 2·√N keeps the candidate set of P's terms in the hundreds
 * (242 papers at 14,699; 2,000 at 1,000,000). Commoner terms only score the shortlist.
 */
export function maxTermPapers(papers: number): number {
  return Math.max(30, Math.round(2 * Math.sqrt(papers)));
}

/** Counts every lexeme's papers from the search vectors (ts_stat), replacing the table. */
export async function countSearchTerms(): Promise<number> {
  const papers = Number((await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM papers`))[0]?.n ?? 0);
  await runInTransaction([
    { text: `DELETE FROM search_terms`, values: [] },
    {
      text: `INSERT INTO search_terms (term, papers) SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM papers')`,
      values: [],
    },
    {
      text: `INSERT INTO app_state (key, value, updated_at) VALUES ($1, $2, now())
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      values: [TERM_STATS_KEY, String(papers)],
    },
  ]);
  return papers;
}

/** The paper count term frequencies are relative to, recounting them first when the table grew by more than a tenth. */
async function termStatsPapers(): Promise<number> {
  const rows = await db().$queryRawUnsafe<{ counted: string | null; papers: bigint }[]>(
    `SELECT (SELECT value FROM app_state WHERE key = $1) AS counted, (SELECT count(*) FROM papers) AS papers`,
    TERM_STATS_KEY,
  );
  const counted = Number(rows[0]?.counted ?? 0);
  const papers = Number(rows[0]?.papers ?? 0);
  if (counted > 0 && papers <= counted * 1.1) return counted;
  return countSearchTerms();
}

type TopicWeights = { ids: number[]; idfs: number[] };

async function topicWeights(papers: number): Promise<TopicWeights> {
  const rows = await db().$queryRawUnsafe<{ id: number; n: bigint }[]>(
    `SELECT topic_id AS id, count(*) AS n FROM paper_topics GROUP BY topic_id`,
  );
  return {
    ids: rows.map((r) => r.id),
    idfs: rows.map((r) => Math.log(Math.max(papers, 1) / Math.max(Number(r.n), 1))),
  };
}

type RelatedRow = { paperId: number; position: number; relatedId: number; score: number };

/** The SQL that ranks the related papers of the papers in $1 (see the formula at the top). */
const RANK_SQL = `
WITH me AS (SELECT id, featured_on, search_vector FROM papers WHERE id = ANY($1::int[])),
-- The lexemes of title (weight A) and abstract (B) as the stored search vector has them (authors
-- are C): the same as to_tsvector('english', ...) of each, without computing it again.
my_terms AS (
  SELECT me.id, t.lexeme AS term, CASE WHEN 'A' = ANY(t.weights) THEN 1.0::float8 ELSE 0.5::float8 END AS w
    FROM me, unnest(me.search_vector) AS t
   WHERE t.weights && '{A,B}'::text[]),
-- Each distinct term's paper count, looked up once for the whole batch.
term_papers AS (
  SELECT t.term, st.papers FROM (SELECT DISTINCT term FROM my_terms) t LEFT JOIN search_terms st ON st.term = t.term),
-- A term missing from search_terms is newer than the last count: rare by definition. Link and
-- number fragments ("github.io", "2025") and two-letter lexemes name nothing a reader would share.
weighted AS (
  SELECT mt.id, mt.term, mt.w, coalesce(tp.papers, 2) AS df, ln($2::float8 / coalesce(tp.papers, 2)) AS idf
    FROM my_terms mt JOIN term_papers tp ON tp.term = mt.term
   WHERE coalesce(tp.papers, 2) BETWEEN 2 AND $6::int
     AND length(mt.term) > 2 AND mt.term !~ '[./_@:]|^[0-9]+$'),
-- The terms that find candidates: the rarest, so each lookup returns a few hundred papers at most.
picked AS (
  SELECT id, term, w, idf, to_tsquery('simple', quote_literal(term)) AS q
    FROM (SELECT *, row_number() OVER (PARTITION BY id ORDER BY w * idf DESC, term) AS n
            FROM weighted WHERE df <= $3::int) x
   WHERE n <= ${TERMS_PER_PAPER}),
-- The terms that score the shortlist: also the field's common vocabulary ("autoregressive", "mesh").
scoring AS (
  SELECT id, array_agg(to_tsquery('simple', quote_literal(term) || ':A')) AS in_title,
         array_agg(to_tsquery('simple', quote_literal(term) || ':AB')) AS in_text, array_agg(w * idf) AS weights
    FROM (SELECT *, row_number() OVER (PARTITION BY id ORDER BY w * idf DESC, term) AS n FROM weighted) x
   WHERE n <= ${SCORING_TERMS}
   GROUP BY id),
-- Papers containing each picked term: one GIN lookup per term (a bare lexeme needs no recheck of the vector).
matches AS (
  SELECT pk.id AS me_id, m.id, pk.idf * pk.w AS weight
    FROM picked pk, LATERAL (SELECT p2.id FROM papers p2 WHERE p2.search_vector @@ pk.q AND p2.id <> pk.id
                              LIMIT ${TERM_CANDIDATES}) m),
topic_idf AS (SELECT * FROM unnest($4::int[], $5::float8[]) AS u(topic_id, idf)),
candidates AS (
  SELECT me_id, id, sum(weight) AS text
    FROM (SELECT me_id, id, weight FROM matches
          UNION ALL
          SELECT r.paper_id, c.paper_id, 0
            FROM paper_topics r, LATERAL (SELECT pt.paper_id FROM paper_topics pt
                                           WHERE pt.topic_id = r.topic_id AND pt.paper_id <> r.paper_id
                                           ORDER BY pt.paper_id DESC LIMIT ${TOPIC_CANDIDATES}) c
           WHERE r.paper_id = ANY($1::int[])) x
   GROUP BY me_id, id),
my_topics AS (
  SELECT pt.paper_id AS me_id, pt.topic_id, ti.idf
    FROM paper_topics pt JOIN topic_idf ti ON ti.topic_id = pt.topic_id
   WHERE pt.paper_id = ANY($1::int[])),
-- What shared topics can add to a candidate's first-pass score, at most and at least (an idf is
-- below 0 only when the term counts are stale).
topic_bounds AS (
  SELECT me_id, ${TOPIC_WEIGHT} * sum(greatest(idf, 0)) AS most, ${TOPIC_WEIGHT} * sum(least(idf, 0)) AS least
    FROM my_topics GROUP BY me_id),
-- The first-pass score that SHORTLIST candidates are sure to reach whatever topics they share: a
-- candidate whose terms cannot reach it even sharing every topic never makes the shortlist, so
-- its topics are not looked up (at 1,000,000 papers that was most of the candidates' cost).
floors AS (
  SELECT me_id, min(sure) AS floor
    FROM (SELECT c.me_id, c.text / 2 + coalesce(tb.least, 0) AS sure,
                 row_number() OVER (PARTITION BY c.me_id ORDER BY c.text DESC) AS n
            FROM candidates c LEFT JOIN topic_bounds tb ON tb.me_id = c.me_id) x
   WHERE n <= ${SHORTLIST}
   GROUP BY me_id HAVING count(*) = ${SHORTLIST}),
contenders AS (
  SELECT c.me_id, c.id, c.text
    FROM candidates c
    LEFT JOIN topic_bounds tb ON tb.me_id = c.me_id
    LEFT JOIN floors f ON f.me_id = c.me_id
   WHERE f.floor IS NULL OR c.text / 2 + coalesce(tb.most, 0) >= f.floor - 1e-9),
shared_topics AS (
  SELECT c.me_id, c.id, sum(mt.idf) AS topics
    FROM contenders c
    JOIN paper_topics b ON b.paper_id = c.id
    JOIN my_topics mt ON mt.me_id = c.me_id AND mt.topic_id = b.topic_id
   GROUP BY c.me_id, c.id),
-- First pass: every contender by its shared terms (as if each were in its abstract) and topics.
first_pass AS (
  SELECT me_id, id, topics
    FROM (SELECT c.*, coalesce(st.topics, 0) AS topics,
                 row_number() OVER (PARTITION BY c.me_id
                                    ORDER BY c.text / 2 + ${TOPIC_WEIGHT} * coalesce(st.topics, 0) DESC, c.id DESC) AS n
            FROM contenders c LEFT JOIN shared_topics st ON st.me_id = c.me_id AND st.id = c.id) y
   WHERE n <= ${SHORTLIST}),
-- Second pass, on the shortlist: P's scoring terms, fully when in the candidate's title, half in its
-- abstract; shared topics; then recency. The candidate's vector is read once (OFFSET 0 keeps the
-- planner from inlining it into every term's test); MATERIALIZED computes each score once, not
-- once for the filter and again for the ranking.
scored AS MATERIALIZED (
  SELECT f.me_id, f.id, p2.featured_on,
         (coalesce((SELECT sum(u.weight * CASE WHEN v.vec @@ u.in_title THEN 1.0 WHEN v.vec @@ u.in_text THEN 0.5 ELSE 0 END)
                      FROM unnest(sc.in_title, sc.in_text, sc.weights) AS u(in_title, in_text, weight)), 0)
          + ${TOPIC_WEIGHT} * f.topics)
           * power(1 + abs(me.featured_on - p2.featured_on)::float8 / ${RECENCY_DAYS}, -${RECENCY_POWER}) AS score
    FROM first_pass f
    JOIN me ON me.id = f.me_id
    JOIN papers p2 ON p2.id = f.id
    LEFT JOIN scoring sc ON sc.id = f.me_id,
    LATERAL (SELECT ts_filter(p2.search_vector, '{a,b}') AS vec OFFSET 0) v),
ranked AS (
  SELECT me_id, id, score,
         row_number() OVER (PARTITION BY me_id ORDER BY score DESC, featured_on DESC, id DESC) AS position
    FROM scored WHERE score > 0)
SELECT me_id AS "paperId", (position - 1)::int AS position, id AS "relatedId", score
  FROM ranked WHERE position <= ${RELATED_COUNT}`;

/**
 * Computes and stores the related papers of these papers (replacing their
 * lists), CHUNK papers per statement. Each chunk is ranked in a transaction
 * of its own (one statement, on the driver: a chunk at a million papers can
 * outlast Prisma's 5 s transaction limit), then its lists are replaced in one
 * short transaction.
 *
 * The ranking runs without JIT: the planner's row estimates for the LATERAL
 * lookups are in the millions, so Postgres JIT-compiled the statement on every
 * chunk, 1.95 s of its 3.03 s for 100 papers of the 14,699 real ones (EXPLAIN
 * ANALYZE; 0.59 s without). SET LOCAL confines the setting to that transaction
 * (PGlite, which has no JIT and shares session settings across connections,
 * accepts it).
 */
export async function computeRelated(ids: readonly number[]): Promise<{ papers: number; rows: number }> {
  if (ids.length === 0) return { papers: 0, rows: 0 };
  const papers = await termStatsPapers();
  const topics = await topicWeights(papers);
  // Freshly ingested rows sit in the GIN index's pending list, which every lookup scans in full
  // (5 ms a term after a 14,699-paper import): merge it once instead of on every lookup.
  await db().$queryRawUnsafe(`SELECT gin_clean_pending_list('papers_search_vector_idx'::regclass)`);
  let rows = 0;
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const ranked = await runInTransaction<RelatedRow>([
      { text: `SET LOCAL jit = off`, values: [] },
      {
        text: RANK_SQL,
        values: [
          chunk,
          Math.max(papers, 2),
          maxTermPapers(papers),
          topics.ids,
          topics.idfs,
          Math.max(maxTermPapers(papers), Math.floor(papers / BROAD_SHARE)),
        ],
      },
    ]);
    await runInTransaction([
      { text: `DELETE FROM paper_related WHERE paper_id = ANY($1::int[])`, values: [chunk] },
      {
        text: `INSERT INTO paper_related (paper_id, position, related_id, score)
               SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::float8[]) AS u(paper_id, position, related_id, score)
               -- papers deleted since the ranking have no list and are in none
               WHERE EXISTS (SELECT 1 FROM papers WHERE id = u.paper_id) AND EXISTS (SELECT 1 FROM papers WHERE id = u.related_id)`,
        values: [
          ranked.map((r) => r.paperId),
          ranked.map((r) => r.position),
          ranked.map((r) => r.relatedId),
          ranked.map((r) => r.score),
        ],
      },
    ]);
    rows += ranked.length;
  }
  return { papers: ids.length, rows };
}

/** Recounts term frequencies and recomputes every paper's related list, streaming by id. */
export async function recomputeAllRelated(
  onProgress?: (done: number) => void,
): Promise<{ papers: number; rows: number }> {
  await countSearchTerms();
  const summary = { papers: 0, rows: 0 };
  let after = 0;
  for (;;) {
    const batch = await db().$queryRawUnsafe<{ id: number }[]>(
      `SELECT id FROM papers WHERE id > $1 ORDER BY id LIMIT 1000`,
      after,
    );
    if (batch.length === 0) break;
    const done = await computeRelated(batch.map((r) => r.id));
    summary.papers += done.papers;
    summary.rows += done.rows;
    after = batch[batch.length - 1]!.id;
    onProgress?.(summary.papers);
  }
  // Every list was rewritten: fresh statistics keep the paper page's read on the primary key even
  // where autovacuum is off or has not come round (at 1,000,000 papers, stale ones chose a
  // sequential scan of paper_related, 5.3 ms instead of a few index reads).
  await db().$executeRawUnsafe(`ANALYZE paper_related`);
  await db().appState.upsert({
    where: { key: RELATED_VERSION_KEY },
    create: { key: RELATED_VERSION_KEY, value: RELATED_VERSION },
    update: { value: RELATED_VERSION },
  });
  return summary;
}

/** Start-up hook: recomputes every list when they were computed by another formula (or never). Null when current. */
export async function ensureRelated(): Promise<{ papers: number; rows: number } | null> {
  const stored = await db().appState.findUnique({ where: { key: RELATED_VERSION_KEY } });
  if (stored?.value === RELATED_VERSION) return null;
  return recomputeAllRelated();
}
