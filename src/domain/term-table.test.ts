import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addTerm, placeOf, termTable } from './term-table.ts';
import { TERM_BUCKETS } from './paper-terms.ts';

describe('a table of terms', () => {
  it('numbers terms in the order added, finds each, and finds no other', async () => {
    // Terms sharing their low bits (multiples of 1024) collide in the slots, as hashes sometimes do.
    const term = fc.oneof(
      fc.integer({ min: 0, max: TERM_BUCKETS - 1 }),
      fc.integer({ min: 0, max: 4095 }).map((n) => n * 1024),
    );
    fc.assert(
      fc.property(fc.array(term, { maxLength: 300 }), fc.array(term, { maxLength: 50 }), (added, asked) => {
        const distinct = [...new Set(added)];
        const table = termTable(distinct.length);
        expect(added.map((value) => addTerm(table, value))).toEqual(added.map((value) => distinct.indexOf(value)));
        expect(table.size).toBe(distinct.length);
        for (const value of [...added, ...asked]) expect(placeOf(table, value)).toBe(distinct.indexOf(value));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a term beyond its capacity, and still finds those it holds', async () => {
    const table = termTable(2);
    addTerm(table, 7);
    addTerm(table, 9);
    expect(() => addTerm(table, 11)).toThrow(RangeError);
    expect(addTerm(table, 9)).toBe(1);
    expect(placeOf(table, 11)).toBe(-1);
    expect(placeOf(termTable(0), 5)).toBe(-1);
  });
});
