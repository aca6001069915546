-- Secrets of the hub made on first start, shared by every process on the database:
-- the key that signs links in digests when SECRET_KEY is not set.
CREATE TABLE hub_secrets (
  name text COLLATE "C" PRIMARY KEY,
  value text COLLATE "C" NOT NULL
);
