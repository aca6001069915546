-- Abstracts are stored deflated with a preset dictionary (db/abstract-packing.ts),
-- about 40 % of their text: pack_abstract() and paper_abstract(), which read them,
-- are functions each connection registers. Abstracts stored before are packed here.
UPDATE papers SET abstract = pack_abstract(abstract) WHERE typeof(abstract) = 'text' AND length(abstract) >= 64;
