-- Vectors stored after the HNSW index was built are searched exactly until the
-- next build: find them by time.
CREATE INDEX paper_vectors_by_time ON paper_vectors (model, embedded_at);
