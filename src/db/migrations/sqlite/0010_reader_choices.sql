-- What a reader chose: what they asked for while signed out (vote for a paper,
-- save it), carried by their sign-in link and done when they follow it ("vote:ID"
-- or "save:ID"); and the list view they read in ('full' or 'compact').
ALTER TABLE sign_in_tokens ADD COLUMN intent TEXT;
ALTER TABLE accounts ADD COLUMN list_view TEXT NOT NULL DEFAULT 'full';
