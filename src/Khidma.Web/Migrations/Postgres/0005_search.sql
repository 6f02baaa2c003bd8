-- 0005: Arabic-aware search (X2). Derived data only: `search reindex` rebuilds all of it from the
-- customers and interactions tables, and the app does so at start-up when it is missing.

-- One row per document (kind 0 = customer, 1 = interaction). tsv is built from SearchText.ForIndex output
-- with the 'simple' configuration (no stemming or stop words on top of ours): the title with weight A,
-- the body with weight B, so ts_rank_cd can rank subject hits first.
-- title_tsv repeats the title alone, with its own GIN index: "every term in the title" would otherwise
-- recheck the weights of every document holding the words.
CREATE TABLE search_docs (
    kind smallint NOT NULL,
    ref_id bigint NOT NULL,
    tsv tsvector NOT NULL,
    title_tsv tsvector NOT NULL,
    CONSTRAINT pk_search_docs PRIMARY KEY (kind, ref_id)
);
CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv);
CREATE INDEX ix_search_docs_title_tsv ON search_docs USING gin (title_tsv);

-- Phone numbers reversed, so "ends with these digits" is a range scan on the primary key.
CREATE TABLE search_phones (
    digits_reversed varchar(20) COLLATE "C" NOT NULL,
    customer_id bigint NOT NULL,
    CONSTRAINT pk_search_phones PRIMARY KEY (digits_reversed, customer_id)
);
CREATE INDEX ix_search_phones_customer_id ON search_phones (customer_id);

-- 'rebuilt' is written when a full rebuild finishes; without it the app rebuilds at start-up.
CREATE TABLE search_state (
    name varchar(64) NOT NULL PRIMARY KEY,
    value varchar(200) NOT NULL
);
