-- A paper added is queued for the index, and counted as a change of papers, by
-- the store that adds it, once for each batch (db/papers-store.ts), not by a
-- trigger for each row: a trigger made every insert keep a statement journal
-- of the pages it touched, which took half the time of an insert. Updates and
-- deletes keep their triggers.
DROP TRIGGER lexicon_pending_insert;
DROP TRIGGER papers_version_on_insert;
