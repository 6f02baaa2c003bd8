-- 0017: search at a million documents (PostgreSQL only; SQLite's FTS5 tables are already per kind).
-- One GIN index per kind and column instead of one over both kinds: a customer query no longer reads the
-- posting lists of a million interactions. Each indexes an expression that is null for the other kinds, so
-- ANALYZE keeps statistics per kind (pg_stats lists them under the index's name); PostgresSearchSql reads
-- them to choose between the GIN index and a newest-first walk of the primary key. Queries name the same
-- expression: (CASE WHEN kind = 1 THEN tsv END) @@ q.
-- At 1.2 million documents this takes about half a minute on two cores (docs/benchmark.md).

SET LOCAL maintenance_work_mem = '256MB';

DROP INDEX IF EXISTS ix_search_docs_tsv;
DROP INDEX IF EXISTS ix_search_docs_title_tsv;

CREATE INDEX ix_search_docs_customer_tsv ON search_docs USING gin ((CASE WHEN kind = 0 THEN tsv END));
CREATE INDEX ix_search_docs_customer_title ON search_docs USING gin ((CASE WHEN kind = 0 THEN title_tsv END));
CREATE INDEX ix_search_docs_interaction_tsv ON search_docs USING gin ((CASE WHEN kind = 1 THEN tsv END));
CREATE INDEX ix_search_docs_interaction_title ON search_docs USING gin ((CASE WHEN kind = 1 THEN title_tsv END));

-- The statistics of the new expressions exist only after an ANALYZE; autovacuum would get to it later.
ANALYZE search_docs;
