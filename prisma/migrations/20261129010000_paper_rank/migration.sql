-- The feed's narrow ranking table (lib/papers/data.ts, queryRange): one row per
-- paper with the columns a period's ranking reads (day, votes, listing rank,
-- topic ids), under one index that holds them all, so a week's top N is an
-- index-only scan of a few thousand narrow entries and only the N papers shown
-- are read from the wide papers table. Triggers keep it in step with papers and
-- paper_topics; nothing writes it directly.

-- CreateTable
CREATE TABLE "paper_rank" (
    "paper_id" INTEGER NOT NULL,
    "featured_on" DATE NOT NULL,
    "votes" INTEGER NOT NULL,
    "source_rank" INTEGER NOT NULL,
    "topic_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "paper_rank_pkey" PRIMARY KEY ("paper_id")
);

-- CreateIndex
CREATE INDEX "paper_rank_featured_on_votes_source_rank_paper_id_topic_ids_idx" ON "paper_rank"("featured_on", "votes", "source_rank", "paper_id", "topic_ids");

-- AddForeignKey
ALTER TABLE "paper_rank" ADD CONSTRAINT "paper_rank_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Statement-level triggers with transition tables: an ingest chunk of 500 papers is one
-- INSERT ... SELECT here, not 500 trigger calls.
CREATE FUNCTION "paper_rank_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO paper_rank (paper_id, featured_on, votes, source_rank, topic_ids)
  SELECT n.id, n.featured_on, n.upvotes + n.local_votes, n.source_rank,
         ARRAY(SELECT topic_id FROM paper_topics WHERE paper_id = n.id ORDER BY topic_id)
    FROM new_papers n;
  RETURN NULL;
END $$;

CREATE FUNCTION "paper_rank_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE paper_rank r
     SET featured_on = n.featured_on, votes = n.upvotes + n.local_votes, source_rank = n.source_rank
    FROM new_papers n
   WHERE r.paper_id = n.id
     AND (r.featured_on, r.votes, r.source_rank) IS DISTINCT FROM (n.featured_on, n.upvotes + n.local_votes, n.source_rank);
  RETURN NULL;
END $$;

CREATE FUNCTION "paper_rank_topics"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE paper_rank r
     SET topic_ids = ARRAY(SELECT topic_id FROM paper_topics WHERE paper_id = r.paper_id ORDER BY topic_id)
   WHERE r.paper_id IN (SELECT paper_id FROM changed_links);
  RETURN NULL;
END $$;

CREATE TRIGGER "paper_rank_insert" AFTER INSERT ON "papers"
  REFERENCING NEW TABLE AS new_papers FOR EACH STATEMENT EXECUTE FUNCTION paper_rank_insert();
CREATE TRIGGER "paper_rank_update" AFTER UPDATE ON "papers"
  REFERENCING NEW TABLE AS new_papers FOR EACH STATEMENT EXECUTE FUNCTION paper_rank_update();
CREATE TRIGGER "paper_rank_topics_insert" AFTER INSERT ON "paper_topics"
  REFERENCING NEW TABLE AS changed_links FOR EACH STATEMENT EXECUTE FUNCTION paper_rank_topics();
CREATE TRIGGER "paper_rank_topics_delete" AFTER DELETE ON "paper_topics"
  REFERENCING OLD TABLE AS changed_links FOR EACH STATEMENT EXECUTE FUNCTION paper_rank_topics();

INSERT INTO paper_rank (paper_id, featured_on, votes, source_rank, topic_ids)
SELECT p.id, p.featured_on, p.upvotes + p.local_votes, p.source_rank,
       ARRAY(SELECT topic_id FROM paper_topics WHERE paper_id = p.id ORDER BY topic_id)
  FROM papers p;
