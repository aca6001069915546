-- Papers whose missing fields (categories) were asked of the arXiv API, and
-- when: a paper arXiv did not answer for is not asked again for a while.
CREATE TABLE arxiv_lookups (
  paper_id TEXT PRIMARY KEY,
  asked_at TEXT NOT NULL
);
