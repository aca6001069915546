-- SQLite files store abstracts deflated (db/abstract-packing.ts) and read them
-- through paper_abstract(); PostgreSQL stores text (TOAST compresses long
-- values), so here both functions return what they are given and statements
-- are the same on both stores.
CREATE FUNCTION pack_abstract(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1';
CREATE FUNCTION paper_abstract(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1';
