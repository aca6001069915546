// Synthetic papers for scale runs, drawn from a real corpus: title and
// abstract words from its word frequencies (separately for titles and
// abstracts), lengths from its papers, authors and categories from its papers.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Doc } from './collections.ts';

export interface SourcePaper extends Doc {
  categories: string[];
}

/** Samples words in proportion to their frequency in the texts. */
function wordSampler(texts: string[], random: () => number): () => string {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of text.split(/\s+/)) if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
  const words = [...counts.keys()];
  const cumulative = new Float64Array(words.length);
  let total = 0;
  words.forEach((word, index) => (cumulative[index] = total += counts.get(word)!));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return words[low]!;
  };
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Writes `count` synthetic papers as generic JSON lines; returns the file. */
export async function writeSyntheticPapers(source: SourcePaper[], count: number, file: string): Promise<string> {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const titleWord = wordSampler(
    source.map((paper) => paper.title),
    random,
  );
  const abstractWord = wordSampler(
    source.map((paper) => paper.text),
    random,
  );
  const words = (length: number, sample: () => string) => Array.from({ length }, sample).join(' ');
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    const model = pick(source);
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(random() * 4000) * 86_400_000).toISOString().slice(0, 10);
    const paper = {
      id: `synthetic-${i}`,
      title: words(Math.max(1, wordCount(model.title)), titleWord),
      abstract: words(wordCount(model.text), abstractWord),
      authors: pick(source).authors,
      categories: model.categories,
      published: day,
    };
    if (!out.write(`${JSON.stringify(paper)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}
