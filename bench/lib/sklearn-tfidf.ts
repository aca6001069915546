// TF-IDF features as arxiv-sanity-lite computes them with scikit-learn's
// TfidfVectorizer: accents stripped, lower case, its token pattern, English
// stop words, word uni- and bigrams, min_df/max_df, the max_features most
// frequent, smooth idf, sublinear tf, l2 norm.
import type { SparseRows } from './linear-svm.ts';

export interface TfidfSettings {
  maxFeatures: number;
  minDf: number;
  /** A share of the documents. */
  maxDf: number;
}

/** arxiv-sanity-lite's token_pattern r'(?u)\b[a-zA-Z_][a-zA-Z0-9_]+\b', with Python's Unicode word boundaries. */
const TOKEN = /(?<![\p{L}\p{N}_])[a-zA-Z_][a-zA-Z0-9_]+(?![\p{L}\p{N}_])/gu;
const MARKS = /\p{M}/gu;

// The English stop list scikit-learn ships (from the Glasgow Information Retrieval Group).
const ENGLISH_STOP_WORDS = new Set(
  `a about above across after afterwards again against all almost alone along already also although always am among amongst amount
an and another any anyhow anyone anything anyway anywhere are around as at back be became because become becomes becoming been
before beforehand behind being below beside besides between beyond bill both bottom but by call can cannot cant co con could
couldn't cry de describe detail do done down due during each eg eight either eleven else elsewhere empty enough etc even ever
every everyone everything everywhere except few fifteen fifty fill find fire first five for former formerly forty found four
from front full further get give go had has hasn't have he hence her here hereafter hereby herein hereupon hers herself him
himself his how however hundred i ie if in inc indeed interest into is it its itself keep last latter latterly least less ltd
made many may me meanwhile might mill mine more moreover most mostly move much must my myself name namely neither never
nevertheless next nine no nobody none nor not nothing now nowhere of off often on once one only onto or other others
otherwise our ours ourselves out over own part per perhaps please put rather re same see seem seemed seeming seems serious
several she should show side since sincere six sixty so some somehow someone something sometime sometimes somewhere still such
system take ten than that the their them themselves then thence there thereafter thereby therefore therein thereupon these they
thick thin third this those though three through throughout thru thus to together too top toward towards twelve twenty two un
under until up upon us very via was we well were what whatever when whence whenever where whereafter whereas whereby wherein
whereupon wherever whether which while whither who whoever whole whom whose why will with within without would yet you your
yours yourself yourselves`.split(/\s+/),
);

/** The uni- and bigrams of a text, as scikit-learn's word analyzer with ngram_range (1, 2) makes them. */
export function analyze(text: string): string[] {
  const folded = text.normalize('NFKD').replace(MARKS, '').toLowerCase();
  const words = (folded.match(TOKEN) ?? []).filter((word) => !ENGLISH_STOP_WORDS.has(word));
  const grams = [...words];
  for (let i = 0; i + 1 < words.length; i++) grams.push(`${words[i]} ${words[i + 1]}`);
  return grams;
}

function countsOf(grams: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const gram of grams) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  return counts;
}

/** Learns the vocabulary and idf from `texts` and returns every text's row. */
export function fitTransform(texts: readonly string[], settings: TfidfSettings): { rows: SparseRows; vocabulary: Map<string, number> } {
  const documents = texts.map((text) => countsOf(analyze(text)));
  const df = new Map<string, number>();
  const total = new Map<string, number>();
  for (const counts of documents)
    for (const [gram, count] of counts) {
      df.set(gram, (df.get(gram) ?? 0) + 1);
      total.set(gram, (total.get(gram) ?? 0) + count);
    }
  const maxDocs = settings.maxDf * texts.length;
  // Features sorted by name (as scikit-learn's vocabulary is), then the most frequent kept.
  const kept = [...df.keys()]
    .filter((gram) => df.get(gram)! >= settings.minDf && df.get(gram)! <= maxDocs)
    .sort()
    .map((gram, order) => ({ gram, order, total: total.get(gram)! }))
    .sort((a, b) => b.total - a.total || a.order - b.order)
    .slice(0, settings.maxFeatures)
    .map((entry) => entry.gram)
    .sort();
  const vocabulary = new Map(kept.map((gram, column) => [gram, column]));
  const idf = new Float64Array(kept.length);
  kept.forEach((gram, column) => (idf[column] = Math.log((1 + texts.length) / (1 + df.get(gram)!)) + 1));
  return { rows: rowsOf(documents, vocabulary, idf), vocabulary };
}

function rowsOf(documents: Map<string, number>[], vocabulary: Map<string, number>, idf: Float64Array): SparseRows {
  const rowStart = new Int32Array(documents.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  documents.forEach((counts, row) => {
    const entries = [...counts]
      .filter(([gram]) => vocabulary.has(gram))
      .map(([gram, count]) => [vocabulary.get(gram)!, (1 + Math.log(count)) * idf[vocabulary.get(gram)!]!] as const)
      .sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(entries.reduce((sum, [, value]) => sum + value * value, 0)) || 1;
    for (const [column, value] of entries) {
      indices.push(column);
      values.push(value / norm);
    }
    rowStart[row + 1] = indices.length;
  });
  return { rowStart, indices: Int32Array.from(indices), values: Float32Array.from(values), columns: vocabulary.size };
}
