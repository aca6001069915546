// The query language by example, for the search page and the About page.
export const QUERY_HELP_EXAMPLES: [string, string][] = [
  ['speech enhancement', 'papers about these words, best matches first'],
  ['"voice conversion"', 'the exact phrase'],
  ['author:"Hinton"', 'papers by an author'],
  ['diffusion cat:cs.CV', 'in a category (cat:cs for all of computer science)'],
  ['transformer -vision has:code', 'leave a word out; only papers with code'],
  ['year:2025 speech', 'published in a year (also after:2025-06-01, before:2026-01-01)'],
  ['2506.16500', 'an arXiv id or URL opens that paper'],
];
