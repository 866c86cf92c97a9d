-- Full-text search over papers: a generated tsvector (title A, abstract B,
-- authors C) with a GIN index. Prisma cannot express generated columns or
-- expression-based vectors, so schema.prisma declares the column as
-- Unsupported("tsvector") and tests/helpers/prisma-schema.ts lists the index.

-- array_to_string is only STABLE (it may call type output functions), but for
-- text[] it is immutable in practice; generated columns require IMMUTABLE.
CREATE FUNCTION "papers_authors_text"(authors TEXT[]) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(array_to_string(authors, ' '), '') $$;

-- AlterTable
ALTER TABLE "papers" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, "title"), 'A') ||
    setweight(to_tsvector('english'::regconfig, "summary"), 'B') ||
    setweight(to_tsvector('english'::regconfig, "papers_authors_text"("authors")), 'C')
) STORED;

-- CreateIndex
CREATE INDEX "papers_search_vector_idx" ON "papers" USING GIN ("search_vector");
