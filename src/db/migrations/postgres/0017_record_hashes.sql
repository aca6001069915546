-- A hash of the record each source last delivered for a paper (a line of a
-- snapshot file): importing the same file again skips, unread beyond its id,
-- every record applied before.
ALTER TABLE paper_sources ADD COLUMN record_hash TEXT;
