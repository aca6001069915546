import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AsciiWords } from './ascii-words.ts';
import { splitWords } from '../domain/terms.ts';

/** ASCII text of few distinct letters, so that words repeat, in every case, with digits and punctuation. */
const asciiText = fc.string({ unit: fc.constantFrom(...'aAbBzZ09 .-_\n\t@[~'.split('')), maxLength: 200 });

describe('ASCII words by their characters', () => {
  it('are the words splitWords gives, each new one made a string once, the same id ever after', () => {
    fc.assert(
      fc.property(fc.array(asciiText, { maxLength: 40 }), (texts) => {
        const table = new AsciiWords();
        const words: string[] = [];
        for (const text of texts) {
          const found: string[] = [];
          table.forEachWord(
            text,
            (word) => words.push(word) - 1,
            (id) => found.push(words[id]!),
          );
          expect(found).toEqual(splitWords(text));
        }
        expect(new Set(words).size).toBe(words.length);
      }),
    );
  });

  it('keep every word apart as the table grows, long words included', () => {
    const table = new AsciiWords();
    const made: string[] = [];
    const ids = (text: string) => {
      const found: number[] = [];
      table.forEachWord(
        text,
        (word) => made.push(word) - 1,
        (id) => found.push(id),
      );
      return found;
    };
    const text = Array.from({ length: 200_000 }, (_unused, index) => `w${index.toString(36)}`).join(' ');
    const first = ids(text);
    expect(made).toHaveLength(200_000);
    expect(ids(text.toUpperCase())).toEqual(first);
    expect(ids(`${'x'.repeat(100_000)} X${'x'.repeat(99_999)}`)).toEqual([200_000, 200_000]);
  });
});
