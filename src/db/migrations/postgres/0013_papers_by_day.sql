-- The papers of a day, counted and listed from the index alone.
DROP INDEX papers_published_at;
CREATE INDEX papers_published_at ON papers (published_at DESC, hidden_at, id);
