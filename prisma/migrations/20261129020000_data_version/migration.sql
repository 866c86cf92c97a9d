-- The data version (lib/papers/version.ts): a counter that every write changing
-- what pages show, other than vote counts, moves on. App instances read it
-- every few seconds and key their data and page caches by it, so an ingest or a
-- taxonomy change run by another process (the `npm start` supervisor, a CLI, a
-- second instance) shows within seconds. Votes only set papers.local_votes,
-- which the papers trigger's column list leaves out: pages read counts live.
-- Statement-level triggers: an ingest chunk bumps it once, not per row.

-- CreateTable
CREATE TABLE "data_version" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,
    "changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_version_pkey" PRIMARY KEY ("id")
);

INSERT INTO "data_version" ("id", "version") VALUES (1, 1);

-- An upsert, so a missing row (an emptied table) comes back instead of the count stopping.
CREATE FUNCTION "data_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_version (id, version) VALUES (1, 1)
  ON CONFLICT (id) DO UPDATE SET version = data_version.version + 1, changed_at = CURRENT_TIMESTAMP;
  RETURN NULL;
END $$;

CREATE TRIGGER "data_version_papers" AFTER INSERT OR DELETE ON "papers"
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER "data_version_papers_update" AFTER UPDATE OF
    "arxiv_id", "title_key", "title", "summary", "authors", "repo_url", "repo_stars", "project_url",
    "published_at", "featured_on", "source", "sources", "source_rank", "keywords", "updated_at"
  ON "papers" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER "data_version_paper_topics" AFTER INSERT OR UPDATE OR DELETE ON "paper_topics"
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER "data_version_topics" AFTER INSERT OR UPDATE OR DELETE ON "topics"
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER "data_version_paper_related" AFTER INSERT OR UPDATE OR DELETE ON "paper_related"
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
