-- The most-voted papers of all time, in order (lib/papers/search.ts): a broad
-- search ranks the newest matches and also the matches among the
-- POPULAR_CANDIDATES most-voted papers, so the well-known paper for a query is
-- not left out because it is old. An index on the narrow rank table (updated
-- with each vote there anyway), read from its top.

-- CreateIndex
CREATE INDEX "paper_rank_votes_paper_id_idx" ON "paper_rank"("votes" DESC, "paper_id");
