-- What a reader asked for while signed out, carried by their sign-in link; the list view they read in.
ALTER TABLE sign_in_tokens ADD COLUMN intent text COLLATE "C";
ALTER TABLE accounts ADD COLUMN list_view text COLLATE "C" NOT NULL DEFAULT 'full';
