import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHaveTerm, splitWords, termOf } from './terms.ts';

describe('terms', () => {
  it("never rules out a word's own term by its first character, whatever the text", () => {
    const words = ['Yields', 'yearly', 'Running', 'ÉMILE', 'Ångström', 'Ωmega', '1990s', 'X', 'generalizations', 'Ionized'];
    for (const word of words) expect(mayHaveTerm(word, termOf(word)), word).toBe(true);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.lorem()), (text) => {
        for (const word of splitWords(text)) expect(mayHaveTerm(word, termOf(word)), word).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("rules out a word whose ASCII first letter is not the term's", () => {
    expect(mayHaveTerm('Wang', 'yi')).toBe(false);
    expect(mayHaveTerm('wang', 'wang')).toBe(true);
    expect(mayHaveTerm('Wang', 'wang')).toBe(true);
    // Folding may turn a first character outside ASCII into any letter: never ruled out.
    expect(mayHaveTerm('Élan', 'elan')).toBe(true);
  });
});
