-- Related papers computed ahead of time (lib/papers/related.ts): five rows per
-- paper read by primary key, and the document frequency of every search-vector
-- lexeme that weights their shared terms.

-- CreateTable
CREATE TABLE "paper_related" (
    "paper_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "related_id" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "paper_related_pkey" PRIMARY KEY ("paper_id","position")
);

-- CreateTable
CREATE TABLE "search_terms" (
    "term" TEXT NOT NULL,
    "papers" INTEGER NOT NULL,

    CONSTRAINT "search_terms_pkey" PRIMARY KEY ("term")
);

-- CreateIndex
CREATE INDEX "paper_related_related_id_idx" ON "paper_related"("related_id");

-- AddForeignKey
ALTER TABLE "paper_related" ADD CONSTRAINT "paper_related_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_related" ADD CONSTRAINT "paper_related_related_id_fkey" FOREIGN KEY ("related_id") REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
