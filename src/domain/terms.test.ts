import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdsInARow, splitWords, termOf, termsOf, wordSpans } from './terms.ts';

/** The plain reading: every word of the text as a term, then the phrase sought at each word. */
function inARowPlainly(text: string, phrase: string[]): boolean {
  const terms = termsOf(text);
  for (let start = 0; start + phrase.length <= terms.length; start++)
    if (phrase.every((term, at) => terms[start + at] === term)) return true;
  return !phrase.length;
}

/** Text of words that stem, fold and repeat, in any case, with accents, marks, digits and characters outside the BMP between. */
const pieces = [
  'Yi',
  'yi',
  'WANG',
  'Wang,',
  'José',
  'Álvarez-García',
  'running',
  'Models',
  'model',
  'Émile',
  'ÉMILE',
  '1990s',
  'α-helix',
  '\u0301e',
  '𝔸lgebra',
  'İstanbul',
  'Kelvin',
  'ſtrong',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 30 })
  .map((words) => words.join(' '));

describe('terms in a row', () => {
  it('finds a phrase exactly where splitting every word into terms would, without splitting them all', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 3 }), (sample, from, length) => {
        const terms = termsOf(sample);
        // A phrase from the text itself (so it is often there), or one of the pieces' terms (so it often is not).
        const phrase = from < terms.length ? terms.slice(from, from + length) : termsOf(pieces[from % pieces.length]!).slice(0, length);
        expect(holdsInARow(sample, phrase)).toBe(inARowPlainly(sample, phrase));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches across case, accents and punctuation, and not out of order', () => {
    expect(holdsInARow('José Álvarez-García, Yi Wang', termsOf('jose alvarez'))).toBe(true);
    expect(holdsInARow('JOSE ALVAREZ', termsOf('José Álvarez'))).toBe(true);
    expect(holdsInARow('Wang Yi, Li Na', termsOf('yi wang'))).toBe(false);
    expect(holdsInARow('Running models quickly', termsOf('run model'))).toBe(true);
    expect(holdsInARow('', [])).toBe(true);
  });
});

/** The plain reading of wordSpans: every word found by the index's own splitting, each one stemmed. */
function spansPlainly(text: string, sought: ReadonlySet<string>): { word: string; term: string | null }[] {
  return splitWords(text).map((word) => ({ word: word.toLowerCase(), term: sought.has(termOf(word)) ? termOf(word) : null }));
}

describe('word spans', () => {
  it('finds every word and the sought terms as splitting and stemming every word would, in ASCII text and beyond', () => {
    const ascii = fc
      .array(
        fc.oneof(
          fc.constantFrom('Models', 'model', 'RUNNING', 'run', '1990s', 'x2', 'a-b', 'it'),
          fc.string({ unit: 'binary-ascii', maxLength: 4 }),
        ),
        {
          maxLength: 30,
        },
      )
      .map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.oneof(ascii, text), fc.subarray(['model', 'run', '1990', 'x2', 'jose', 'yi', 'it', 'b']), (sample, sought) => {
        const terms = new Set(sought);
        const spans = wordSpans(sample, terms).map(({ start, end, term }) => ({ word: sample.slice(start, end).toLowerCase(), term }));
        expect(spans).toEqual(spansPlainly(sample, terms));
      }),
      { numRuns: 3000 },
    );
  });
});
