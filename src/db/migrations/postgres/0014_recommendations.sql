-- Recommendations per reader: "not interested" marks, the digest's For you switch,
-- the private feed's generation, and a version of the papers alone.
CREATE TABLE not_interested (
  account_id integer NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  paper_id text COLLATE "C" NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  created_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (account_id, paper_id)
);
CREATE TRIGGER not_interested_changed AFTER INSERT OR UPDATE OR DELETE ON not_interested FOR EACH STATEMENT EXECUTE FUNCTION paperboy_changed();

ALTER TABLE subscriptions ADD COLUMN for_you_on integer NOT NULL DEFAULT 1;
ALTER TABLE accounts ADD COLUMN feed_generation integer NOT NULL DEFAULT 0;

-- Raised once per statement that adds, changes, hides or deletes papers (SQLite's
-- triggers raise it once per row: only its changing matters, not by how much).
CREATE TABLE papers_version (
  id integer PRIMARY KEY CHECK (id = 1),
  version integer NOT NULL
);
INSERT INTO papers_version (id, version) VALUES (1, 0);
CREATE FUNCTION papers_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE papers_version SET version = version + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER papers_version_on_insert AFTER INSERT ON papers FOR EACH STATEMENT EXECUTE FUNCTION papers_version_raise();
CREATE TRIGGER papers_version_on_update AFTER UPDATE OF title, abstract, authors, published_at, hidden_at ON papers FOR EACH STATEMENT EXECUTE FUNCTION papers_version_raise();
CREATE TRIGGER papers_version_on_delete AFTER DELETE ON papers FOR EACH STATEMENT EXECUTE FUNCTION papers_version_raise();
