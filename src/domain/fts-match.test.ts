import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuery } from './query.ts';
import { toMatchExpression } from './fts-match.ts';

describe('toMatchExpression', () => {
  it('ORs distinctive words for ranking and ANDs them when every word must match', async () => {
    expect(toMatchExpression(parseQuery('the effect of dropout on transformers'), 'any')).toBe('("effect" OR "dropout" OR "transformers")');
    expect(toMatchExpression(parseQuery('dropout transformers'), 'all')).toBe('("dropout" AND "transformers")');
  });

  it('keeps stopwords when there is nothing else', async () => {
    expect(toMatchExpression(parseQuery('the who'), 'any')).toBe('("the" OR "who")');
  });

  it('adds phrases, authors and exclusions', async () => {
    expect(toMatchExpression(parseQuery('"neural codec" author:"Ada Lovelace" speech -video -"image generation"'), 'any')).toBe(
      '"speech" AND "neural codec" AND authors : "ada lovelace" NOT "video" NOT "image generation"',
    );
  });

  it('has nothing to match for filters or exclusions alone', async () => {
    expect(toMatchExpression(parseQuery('cat:cs.LG -survey'), 'any')).toBeNull();
  });

  it('quotes every word of any input', async () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (input) => {
        const match = toMatchExpression(parseQuery(input), 'any') ?? '';
        const outsideQuotes = match.replace(/"[\p{L}\p{N} ]*"/gu, '');
        return /^[()A-Z :]*$/.test(outsideQuotes) && !/[*^]/.test(outsideQuotes);
      }),
      { numRuns: 1000 },
    );
  });
});
