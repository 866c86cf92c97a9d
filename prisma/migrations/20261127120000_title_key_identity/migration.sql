-- The title key is the identity only of papers without an arXiv id: two
-- different arXiv papers may share a title (e.g. 2402.16107 and 2408.07990,
-- both "FuseChat: Knowledge Fusion of Chat Models"). The full unique index
-- becomes a plain index (lookups by title key across all papers) plus a unique
-- index over the rows that have no arXiv id. Prisma cannot declare partial
-- indexes; tests/helpers/prisma-schema.ts lists it for the drift test.

-- DropIndex
DROP INDEX "papers_title_key_key";

-- CreateIndex
CREATE INDEX "papers_title_key_idx" ON "papers"("title_key");

-- CreateIndex
CREATE UNIQUE INDEX "papers_title_key_no_arxiv_key" ON "papers"("title_key") WHERE "arxiv_id" IS NULL;
