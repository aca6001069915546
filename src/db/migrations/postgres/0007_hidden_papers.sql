-- Every search leaves hidden and merged papers out; this partial index lists those few.
CREATE INDEX papers_hidden ON papers (seq) WHERE hidden_at IS NOT NULL;
