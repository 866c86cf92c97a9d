-- A search tests and ranks each candidate's search vector. A vector is about 1.7 KB (a real
-- abstract's lexemes and positions) and barely compresses, so under the default storage it was
-- moved out of the row into the TOAST table, and every test or rank fetched it from there by
-- index: 2.3 µs a paper, against 0.8 µs with the vector kept in the row (MAIN), measured on the
-- 14,699 real papers (`v @@ 'model'` over all of them: 34 ms against 12 ms; with ts_rank_cd
-- 58 ms against 19 ms). The abstract, which pages read only for the rows they show, moves out
-- instead. Applies to rows written from now on; `VACUUM FULL papers` rewrites existing ones
-- (at 1,000,000 papers: 3.5 minutes, holding an exclusive lock).
ALTER TABLE "papers" ALTER COLUMN "search_vector" SET STORAGE MAIN;
