-- A paper added is queued for the index, and counted as a change of papers, by
-- the store that adds it, once for each batch (db/papers-store.ts), not by a
-- trigger: the same statements on both stores. Updates and deletes keep their
-- triggers.
DROP TRIGGER lexicon_pending_insert ON papers;
DROP TRIGGER papers_version_on_insert ON papers;
