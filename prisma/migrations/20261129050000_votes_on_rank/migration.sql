-- Local votes are counted on the paper's narrow rank row, not on the wide papers row: a vote
-- rewrote a papers row of about 2 KB (title, abstract, authors, the search vector) to change one
-- integer, and was a HOT update only while the row's page had room; now it rewrites a row of
-- about 60 bytes and the two narrow rank indexes that order by votes, and never touches the
-- search index. paper_rank.votes stays upvotes + local_votes (setVote keeps both in step; the
-- papers trigger adds the local count when an import changes upvotes).

-- AlterTable
ALTER TABLE "paper_rank" ADD COLUMN "local_votes" INTEGER NOT NULL DEFAULT 0;

-- The feed's covering index also holds the local count, so the page's vote counts come from the
-- same index-only scan as its ranking.
DROP INDEX "paper_rank_featured_on_votes_source_rank_paper_id_topic_ids_idx";
CREATE INDEX "paper_rank_feed_idx" ON "paper_rank"("featured_on", "votes", "source_rank", "paper_id", "topic_ids", "local_votes");

UPDATE paper_rank r SET local_votes = p.local_votes
  FROM papers p WHERE p.id = r.paper_id AND p.local_votes <> 0;

CREATE OR REPLACE FUNCTION "paper_rank_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO paper_rank (paper_id, featured_on, votes, source_rank, topic_ids)
  SELECT n.id, n.featured_on, n.upvotes, n.source_rank,
         ARRAY(SELECT topic_id FROM paper_topics WHERE paper_id = n.id ORDER BY topic_id)
    FROM new_papers n;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "paper_rank_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE paper_rank r
     SET featured_on = n.featured_on, votes = n.upvotes + r.local_votes, source_rank = n.source_rank
    FROM new_papers n
   WHERE r.paper_id = n.id
     AND (r.featured_on, r.votes, r.source_rank) IS DISTINCT FROM (n.featured_on, n.upvotes + r.local_votes, n.source_rank);
  RETURN NULL;
END $$;

-- AlterTable
ALTER TABLE "papers" DROP COLUMN "local_votes";
