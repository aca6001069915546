-- The newest-first order of search (newest published first, then latest
-- added), as an index read from its end: a common word's newest papers are
-- found by reading the newest papers until enough hold it, where looking up
-- each of its hundreds of thousands of papers took seconds at 2.7 million.
CREATE INDEX papers_newest ON papers (coalesce(published_at, ''), seq);
