-- 0005: Arabic-aware search (X2). Derived data only: `search reindex` rebuilds all of it from the
-- customers and interactions tables, and the app does so at start-up when it is missing.

-- One FTS5 row per document. rowid = interaction id for interactions and customer id - 2^62 for customers,
-- so each kind is a rowid range FTS5 can walk newest first. The text is SearchText.ForIndex output (already
-- normalized and stemmed), so the tokenizer only splits on spaces: no diacritics removal, and combining
-- marks stay inside words exactly as SearchText keeps them. Contentless: the original text stays in its
-- own tables and snippets are cut from it.
CREATE VIRTUAL TABLE search_docs USING fts5(
    title_norm,
    body_norm,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Mn Mc'",
    -- Prefix indexes up to five letters (most Arabic stems) keep the as-you-type prefix query a plain
    -- doclist walk instead of a merge of every word that starts with it.
    prefix = '2 3 4 5',
    -- Which column holds a term, not where: no phrase queries are needed, the index is half the size, and
    -- bm25 still weighs title against body.
    detail = column
);

-- Phone numbers reversed, so "ends with these digits" is a range scan on the primary key.
CREATE TABLE search_phones (
    digits_reversed varchar(20) NOT NULL,
    customer_id INTEGER NOT NULL,
    PRIMARY KEY (digits_reversed, customer_id)
) WITHOUT ROWID;
CREATE INDEX ix_search_phones_customer_id ON search_phones (customer_id);

-- 'rebuilt' is written when a full rebuild finishes; without it the app rebuilds at start-up.
CREATE TABLE search_state (
    name varchar(64) NOT NULL PRIMARY KEY,
    value varchar(200) NOT NULL
);
