-- 0016: the search index leaves the create path (issue 6). Saves record what needs re-indexing in
-- search_queue, in their own transaction; a background indexer (SearchIndexer) drains it into the index.
-- On SQLite the index itself moves to its own file (search.db next to this one, created and rebuilt by the
-- app at start), so FTS5's segment merges never hold this file's write lock: the tables of 0005 go.
DROP TABLE IF EXISTS search_customers;
DROP TABLE IF EXISTS search_customer_titles;
DROP TABLE IF EXISTS search_interactions;
DROP TABLE IF EXISTS search_interaction_titles;
DROP TABLE IF EXISTS search_phones;
DROP TABLE IF EXISTS search_state;

-- kind 0 = customer, 1 = interaction; removed = the row was deleted (the indexer removes its document; a
-- document whose row is gone is removed whatever the flag). AUTOINCREMENT: ids are never reused, so a
-- taken id always names the row that was taken.
CREATE TABLE search_queue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind INTEGER NOT NULL,
    ref_id INTEGER NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0
);
