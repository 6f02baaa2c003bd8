-- 0005: Arabic-aware search (X2). Derived data only: `search reindex` rebuilds all of it from the
-- customers and interactions tables, and the app does so at start-up when it is missing.

-- Per kind, one FTS5 table of documents (rowid = the customer's or interaction's id) and one of their
-- titles alone. Separate tables keep each kind's doclists to its own documents, and "every term in the
-- title" a walk of short doclists, even for a word that is in most bodies and in no title.
-- The text is SearchText.ForIndex output (already normalized and stemmed), so the tokenizer only splits
-- on spaces: no diacritics removal, and combining marks stay inside words as SearchText keeps them.
-- Contentless: the original text stays in its own tables and snippets are cut from it.
-- prefix: indexes up to five letters (most Arabic stems) keep the as-you-type prefix query a doclist walk
-- instead of a merge of every word that starts with it. detail = column: which column holds a term, not
-- where; no phrase queries are needed, the index is half the size, and bm25 still weighs title and body.
CREATE VIRTUAL TABLE search_customers USING fts5(
    title_norm, body_norm,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Mn Mc'",
    prefix = '2 3 4 5', detail = column
);
CREATE VIRTUAL TABLE search_customer_titles USING fts5(
    title_norm,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Mn Mc'",
    prefix = '2 3 4 5', detail = none
);
CREATE VIRTUAL TABLE search_interactions USING fts5(
    title_norm, body_norm,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Mn Mc'",
    prefix = '2 3 4 5', detail = column
);
CREATE VIRTUAL TABLE search_interaction_titles USING fts5(
    title_norm,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Mn Mc'",
    prefix = '2 3 4 5', detail = none
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
