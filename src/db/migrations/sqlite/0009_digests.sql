-- The daily digest. A subscription is an account whose address was confirmed
-- (by a sign-in link or a subscription link); until then the request is only a
-- link token, forgotten when it expires. Each reader's terms sit on their row.
ALTER TABLE sign_in_tokens ADD COLUMN purpose TEXT NOT NULL DEFAULT 'sign-in';

CREATE TABLE subscriptions (
  account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  -- active, unsubscribed, or suspended (the address bounced again and again).
  state TEXT NOT NULL,
  -- daily (every arXiv announcement day), weekly, or paused.
  frequency TEXT NOT NULL DEFAULT 'daily',
  -- For weekly digests: 0 Sunday … 6 Saturday.
  weekday INTEGER NOT NULL DEFAULT 1,
  hour INTEGER NOT NULL DEFAULT 7,
  time_zone TEXT NOT NULL DEFAULT 'UTC',
  max_papers INTEGER NOT NULL DEFAULT 10,
  -- off, day or week.
  trending TEXT NOT NULL DEFAULT 'day',
  categories_on INTEGER NOT NULL DEFAULT 1,
  authors_on INTEGER NOT NULL DEFAULT 1,
  alerts_on INTEGER NOT NULL DEFAULT 1,
  -- What a digest with nothing new does: skip (send nothing) or note (one line saying why).
  quiet TEXT NOT NULL DEFAULT 'skip',
  hard_bounces INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX subscriptions_by_state ON subscriptions (state);

-- What a reader follows: a category (cs.SD), an author, or a search (an alert).
CREATE TABLE follows (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (account_id, kind, value)
) WITHOUT ROWID;

-- One row per digest run: its audience is fixed when it starts.
CREATE TABLE digest_runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  audience INTEGER NOT NULL,
  finished_at TEXT
);

-- One digest per (reader, edition); an edition is the reader's local date it is for.
CREATE TABLE digests (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  edition TEXT NOT NULL,
  run_id INTEGER NOT NULL REFERENCES digest_runs (id),
  -- The papers it covers: those of days after `since` up to its edition.
  since TEXT NOT NULL,
  -- pending, sent, skipped (nothing new, as the reader chose) or failed.
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  -- A pending digest is not tried again before then (backoff after a temporary failure).
  next_attempt_at TEXT NOT NULL,
  holder TEXT,
  leased_until TEXT,
  message_id TEXT NOT NULL,
  error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  -- A sent digest's papers in order, as JSON [{paperId, section, reason}].
  items TEXT,
  UNIQUE (account_id, edition)
);
CREATE INDEX digests_pending ON digests (status, next_attempt_at) WHERE status = 'pending';
-- By run only: a digest's status changes as it is sent, and every index holding it would be rewritten too.
CREATE INDEX digests_by_run ON digests (run_id);

-- Every paper a reader was sent, across all their digests: none twice. What each digest held (for
-- "view in the browser") is in its own row, as JSON: one index fewer to keep up per paper sent.
CREATE TABLE sent_papers (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  paper_id TEXT NOT NULL,
  PRIMARY KEY (account_id, paper_id)
) WITHOUT ROWID;
