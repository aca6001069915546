-- Embedding vectors, one per paper and model. A vector remembers the content
-- hash of the paper it was made from, so an edited paper is embedded again.
CREATE TABLE paper_vectors (
  model TEXT NOT NULL,
  paper_seq INTEGER NOT NULL REFERENCES papers (seq) ON DELETE CASCADE,
  content_hash TEXT NOT NULL,
  vector BLOB NOT NULL,
  embedded_at TEXT NOT NULL,
  PRIMARY KEY (model, paper_seq)
) WITHOUT ROWID;
