// Picking a document's distinctive terms: term frequency times inverse
// document frequency, one word per stem.
export interface TermStats {
  word: string;
  stem: string;
  tf: number;
  df: number;
}

export interface WeightedTerm {
  word: string;
  weight: number;
}

/** The top terms, heaviest first. A stem no other paper has cannot find anything and is left out. */
export function pickDistinctiveTerms(terms: TermStats[], documents: number, max: number): WeightedTerm[] {
  const byStem = new Map<string, { word: string; tf: number; df: number }>();
  for (const term of terms) {
    const seen = byStem.get(term.stem);
    if (seen) seen.tf += term.tf;
    else byStem.set(term.stem, { word: term.word, tf: term.tf, df: term.df });
  }
  return [...byStem.values()]
    .filter((term) => term.df >= 2)
    .map((term) => ({ word: term.word, weight: (1 + Math.log(term.tf)) * Math.log(documents / term.df) }))
    .sort((a, b) => b.weight - a.weight || a.word.localeCompare(b.word))
    .slice(0, max);
}
