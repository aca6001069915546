-- Embedding vectors, one per paper and model (float32 little-endian bytes, as in SQLite).
CREATE TABLE paper_vectors (
  model text COLLATE "C" NOT NULL,
  paper_seq integer NOT NULL REFERENCES papers (seq) ON DELETE CASCADE,
  content_hash text COLLATE "C" NOT NULL,
  vector bytea NOT NULL,
  embedded_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (model, paper_seq)
);
CREATE TRIGGER paper_vectors_changed AFTER INSERT OR UPDATE OR DELETE ON paper_vectors FOR EACH STATEMENT EXECUTE FUNCTION paperboy_changed();
