-- What a reader asked for while signed out (vote for a paper, save it), carried
-- by their sign-in link and done when they follow it: "vote:ID" or "save:ID".
ALTER TABLE sign_in_tokens ADD COLUMN intent TEXT;
