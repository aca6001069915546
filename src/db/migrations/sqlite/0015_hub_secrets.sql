-- Secrets of the hub made on first start, shared by every process on the database:
-- the key that signs links in digests when SECRET_KEY is not set. A SQLite hub keeps
-- that key in secret.key beside its file (as before this table), so it is unused here.
CREATE TABLE hub_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
