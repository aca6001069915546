-- Vectors stored after a vector index was built are searched exactly: find them by time.
CREATE INDEX paper_vectors_by_time ON paper_vectors (model, embedded_at);
