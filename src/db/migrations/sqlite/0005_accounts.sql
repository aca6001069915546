-- Accounts (signed in by e-mail link, no passwords), their sign-in links and
-- sessions (both stored as SHA-256 hashes, never as sent), the events that
-- rate limits count, and votes: one per account and paper.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE sign_in_tokens (
  token_hash TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  -- Where to go once signed in: a path on this site.
  next_path TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
) WITHOUT ROWID;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_account ON sessions (account_id);

-- One row per counted event (a sign-in request), per bucket ("email:…", "ip:…").
CREATE TABLE rate_events (
  bucket TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX rate_events_by_bucket ON rate_events (bucket, at);

CREATE TABLE votes (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (account_id, paper_id)
) WITHOUT ROWID;
CREATE INDEX votes_by_paper ON votes (paper_id, created_at);

-- Moderation: a hidden paper vanishes from every listing, search, feed and
-- digest; a merged one also points at the paper it duplicates.
ALTER TABLE papers ADD COLUMN hidden_at TEXT;
ALTER TABLE papers ADD COLUMN merged_into TEXT;
-- Papers without a publication date are listed on the day they were first seen.
CREATE INDEX papers_undated ON papers (created_at) WHERE published_at IS NULL;

-- Trending scores, recomputed whole by the trending job in one transaction.
CREATE TABLE trending_scores (
  window TEXT NOT NULL,
  rank INTEGER NOT NULL,
  paper_id TEXT NOT NULL,
  score REAL NOT NULL,
  PRIMARY KEY (window, rank)
) WITHOUT ROWID;

CREATE TABLE trending_runs (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  as_of TEXT,
  computed_at TEXT NOT NULL
);

-- Scheduled jobs: who holds each one and until when, so two processes never run the same job.
CREATE TABLE job_leases (
  name TEXT PRIMARY KEY,
  holder TEXT,
  leased_until TEXT,
  last_finished_at TEXT,
  last_error TEXT
) WITHOUT ROWID;
