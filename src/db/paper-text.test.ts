import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCategory } from '../domain/query.ts';
import { categoryKeys, categoryKeyTerm } from './paper-text.ts';

const category = fc.stringMatching(/^[a-zA-Z-]{1,12}(\.[a-zA-Z-]{1,6})?$/);

describe('category key terms', () => {
  it('file a category under itself and every start of it that ends before a "." or "-"', () => {
    expect(categoryKeys(['astro-ph.GA', 'astro-ph.CO'])).toEqual(['astro', 'astro-ph', 'astro-ph.GA', 'astro-ph.CO'].map(categoryKeyTerm));
    expect(categoryKeys(['cs.LG'])).toEqual(['cs', 'cs.LG'].map(categoryKeyTerm));
    expect(categoryKeys([])).toEqual([]);
  });

  it('let a filter pass a category exactly when it is the category, or its start before a "." or "-"', () => {
    fc.assert(
      fc.property(category, category, (stored, filter) => {
        fc.pre(isCategory(stored) && isCategory(filter));
        const passes = stored === filter || stored.startsWith(`${filter}.`) || stored.startsWith(`${filter}-`);
        expect(categoryKeys([stored]).includes(categoryKeyTerm(filter))).toBe(passes);
        // A filter that starts the category is found through the prefixes the category is filed under.
        const prefix = stored.slice(0, 1 + Math.floor(stored.length / 2));
        if (isCategory(prefix))
          expect(categoryKeys([stored]).includes(categoryKeyTerm(prefix))).toBe(prefix === stored || /[.-]/.test(stored[prefix.length]!));
      }),
    );
  });
});
