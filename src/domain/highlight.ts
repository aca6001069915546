// Matched words marked in a title and in an abstract excerpt, with the marks
// of the index (control characters that escaping leaves alone; hits.ts turns
// them into <mark>). A word matches when its index term is one of the query's.
import { wordSpans, type WordSpan } from './terms.ts';

export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

const ELLIPSIS = '…';

/** The whole text with every matching word marked. */
export function highlight(text: string, terms: ReadonlySet<string>): string {
  return markSpans(text, wordSpans(text, terms), 0, text.length);
}

/**
 * About `words` words of the text around the most matches (the most distinct
 * terms first), marked, with an ellipsis where text was cut.
 */
export function snippet(text: string, terms: ReadonlySet<string>, words: number): string {
  const spans = wordSpans(text, terms);
  if (spans.length <= words) return highlight(text, terms);
  const first = bestWindow(spans, words);
  const last = first + words - 1;
  const start = first === 0 ? 0 : spans[first]!.start;
  const end = last === spans.length - 1 ? text.length : spans[last]!.end;
  return `${start > 0 ? ELLIPSIS : ''}${markSpans(text, spans, start, end)}${end < text.length ? ELLIPSIS : ''}`;
}

/** The first word of the window with the most distinct matched terms, then the most matches; earliest on ties. */
function bestWindow(spans: WordSpan[], words: number): number {
  const inWindow = new Map<string, number>();
  let matches = 0;
  const slide = (index: number, change: 1 | -1) => {
    const term = spans[index]!.term;
    if (term === null) return;
    matches += change;
    const count = (inWindow.get(term) ?? 0) + change;
    if (count) inWindow.set(term, count);
    else inWindow.delete(term);
  };
  for (let index = 0; index < words; index++) slide(index, 1);
  let best = 0;
  let bestScore = inWindow.size * words + matches;
  for (let first = 1; first + words <= spans.length; first++) {
    slide(first - 1, -1);
    slide(first + words - 1, 1);
    const score = inWindow.size * words + matches;
    if (score > bestScore) {
      best = first;
      bestScore = score;
    }
  }
  return best;
}

function markSpans(text: string, spans: WordSpan[], start: number, end: number): string {
  let out = '';
  let at = start;
  for (const span of spans) {
    if (span.start < start || span.end > end || span.term === null) continue;
    out += `${text.slice(at, span.start)}${MARK_START}${text.slice(span.start, span.end)}${MARK_END}`;
    at = span.end;
  }
  return out + text.slice(at, end);
}
