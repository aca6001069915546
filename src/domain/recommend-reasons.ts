// Why a paper is recommended, in a few words: "like “XY-Tokenizer”, which you
// saved", "by Jane Doe, whom you follow", "new in cs.SD, which you follow".
import type { Reason, SignalSource } from './recommend-ranking.ts';

/** Characters of a title quoted in a reason: enough to recognise it. */
const TITLE_CHARS = 80;

export function reasonText(reason: Reason): string {
  switch (reason.kind) {
    case 'like':
      return `like “${shortTitle(reason.title)}”, ${howChosen(reason.source)}`;
    case 'author':
      return `by ${reason.name}, whom you follow`;
    case 'category':
      return `new in ${reason.category}, which you follow`;
  }
}

/** "which you saved", "which you saved in Speech codecs", "which you voted for". */
export function howChosen(source: SignalSource): string {
  if (source.kind === 'voted') return 'which you voted for';
  return source.collection ? `which you saved in ${shortTitle(source.collection)}` : 'which you saved';
}

/** A title on one line, cut at a word near TITLE_CHARS. */
export function shortTitle(title: string): string {
  const line = title
    .slice(0, 4 * TITLE_CHARS)
    .replace(/\s+/g, ' ')
    .trim();
  if (line.length <= TITLE_CHARS) return line;
  const cut = line.slice(0, TITLE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}
