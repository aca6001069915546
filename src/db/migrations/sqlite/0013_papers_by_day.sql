-- The papers of a day, counted and listed from the index alone: a day of the
-- listing crawl holds up to 7,000 papers, and reading each row for hidden_at
-- cost 24 ms a page.
DROP INDEX papers_published_at;
CREATE INDEX papers_published_at ON papers (published_at DESC, hidden_at, id);
