-- A vote rewrites its paper's row (local_votes), and a re-import that finds new upvotes does the
-- same; neither changes an indexed column, so each can be a HOT update, which writes no index
-- entry (the GIN search index would otherwise take an entry for every lexeme of the paper), but
-- only when the new row version fits on the row's page. Filled to 100 %, a page almost never has
-- room: 1,000 votes (lib/papers/mutations.ts setVote) on random papers of the 14,699 real ones made
-- 13 HOT updates of the 935 pg_stat_user_tables had counted. Repacked (VACUUM FULL) at 80 %: 875 of
-- 972 HOT (90 %: 506 of 887; 70 %: 775 of 800), for 21 % more heap pages (3,035 -> 3,678).
-- Applies to pages written from now on; `VACUUM FULL papers` repacks an existing table by it.
ALTER TABLE "papers" SET (fillfactor = 80);
