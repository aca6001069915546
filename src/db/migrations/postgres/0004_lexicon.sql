-- paperboy's own inverted index, for relevance ranking: the same tables as in
-- SQLite (see the SQLite migration of this number), kept by the same engine.
CREATE TABLE lexicon_segments (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  indexed integer NOT NULL,
  papers integer NOT NULL
);
CREATE TABLE lexicon_postings (
  segment integer NOT NULL,
  term text COLLATE "C" NOT NULL,
  postings bytea NOT NULL,
  PRIMARY KEY (segment, term)
);
CREATE INDEX lexicon_postings_by_term ON lexicon_postings (term, segment);

CREATE TABLE lexicon_papers (
  seq integer PRIMARY KEY,
  segment integer NOT NULL,
  length integer NOT NULL
);
CREATE INDEX lexicon_papers_by_segment ON lexicon_papers (segment);

CREATE TABLE lexicon_pending (
  seq integer PRIMARY KEY,
  version integer NOT NULL DEFAULT 0
);
INSERT INTO lexicon_pending (seq) SELECT seq FROM papers;

-- Row by row, as SQLite's triggers: a paper written twice in one statement is queued once, its version raised.
CREATE FUNCTION lexicon_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lexicon_pending (seq) VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.seq ELSE NEW.seq END)
    ON CONFLICT (seq) DO UPDATE SET version = lexicon_pending.version + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER lexicon_pending_insert AFTER INSERT ON papers FOR EACH ROW EXECUTE FUNCTION lexicon_queue();
CREATE TRIGGER lexicon_pending_update AFTER UPDATE OF title, abstract, authors ON papers FOR EACH ROW EXECUTE FUNCTION lexicon_queue();
CREATE TRIGGER lexicon_pending_delete AFTER DELETE ON papers FOR EACH ROW EXECUTE FUNCTION lexicon_queue();
CREATE TRIGGER lexicon_segments_changed AFTER INSERT OR UPDATE OR DELETE ON lexicon_segments FOR EACH STATEMENT EXECUTE FUNCTION paperboy_changed();
