-- Papers whose missing fields were asked of the arXiv API, and when.
CREATE TABLE arxiv_lookups (
  paper_id text COLLATE "C" PRIMARY KEY,
  asked_at text COLLATE "C" NOT NULL
);
