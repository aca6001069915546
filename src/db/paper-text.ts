// The text of papers as the text index sees it: the papers table's title,
// abstract and authors columns, in this field order (migrations queue changed
// papers for the index with triggers on these columns).
import type { TextSource } from '../text-index/source.ts';

export const PAPER_TEXT = { table: 'papers', key: 'seq', fields: ['title', 'abstract', 'authors'] } as const satisfies TextSource;

export type PaperFieldWeights = Record<(typeof PAPER_TEXT.fields)[number], number>;

/** The weights in the index's field order. */
export function paperFieldWeights(weights: PaperFieldWeights): number[] {
  return PAPER_TEXT.fields.map((field) => weights[field]);
}
