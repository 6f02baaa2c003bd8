-- 0016: the search index leaves the create path (issue 6). Saves record what needs re-indexing in
-- search_queue, in their own transaction; a background indexer (SearchIndexer) drains it into search_docs,
-- one node at a time (advisory lock), deleting exactly the rows it took.
-- kind 0 = customer, 1 = interaction; removed = the row was deleted.
CREATE TABLE search_queue (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind smallint NOT NULL,
    ref_id bigint NOT NULL,
    removed boolean NOT NULL DEFAULT false
);
