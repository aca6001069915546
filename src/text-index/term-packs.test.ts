import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postingsInPack, TermPacker, unpackTerms, type StoredPack } from './term-packs.ts';
import { compareCodePoints } from '../domain/code-points.ts';

const CAPACITY = 1600;

/** Terms in code point order, distinct, each with some bytes of postings. */
const sortedTerms = fc
  .uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '@', ' ', '𝛼', 'z'), minLength: 1, maxLength: 20 }), { maxLength: 120 })
  .chain((terms) =>
    fc.tuple(
      fc.constant([...terms].sort(compareCodePoints)),
      fc.array(fc.uint8Array({ minLength: 1, maxLength: 12 }), { minLength: terms.length, maxLength: terms.length }),
    ),
  )
  .map(([terms, postings]) => terms.map((term, index) => ({ term, postings: Buffer.from(postings[index]!) })));

function packAll(rows: { term: string; postings: Buffer }[]): StoredPack[] {
  const packer = new TermPacker(CAPACITY);
  const packs: StoredPack[] = [];
  for (const row of rows) {
    expect(packer.isSmall(row.term, row.postings)).toBe(true);
    const closed = packer.add(row.term, row.postings);
    if (closed) packs.push(closed);
  }
  const last = packer.close();
  return last ? [...packs, last] : packs;
}

describe('packs of small terms', () => {
  it('give back every term and its postings in order, each pack within its size and keyed by its first term', () => {
    fc.assert(
      fc.property(sortedTerms, (rows) => {
        const packs = packAll(rows);
        for (const pack of packs) {
          expect(pack.terms.length).toBeLessThanOrEqual(CAPACITY);
          expect(unpackTerms(pack.terms)[0]!.term).toBe(pack.first);
        }
        const unpacked = packs.flatMap((pack) => unpackTerms(pack.terms));
        expect(unpacked.map((row) => [row.term, [...row.postings]])).toEqual(rows.map((row) => [row.term, [...row.postings]]));
      }),
      { numRuns: 200 },
    );
  });

  it('find a term in the last pack starting at or before it, and only a term they hold', () => {
    fc.assert(
      fc.property(sortedTerms, fc.string({ unit: fc.constantFrom('a', 'b', 'é', '@', 'y'), maxLength: 6 }), (rows, other) => {
        const packs = packAll(rows);
        const packFor = (term: string) => packs.filter((pack) => compareCodePoints(pack.first, term) <= 0).at(-1);
        for (const row of rows) expect([...postingsInPack(packFor(row.term)!.terms, row.term)!]).toEqual([...row.postings]);
        const pack = packFor(other);
        if (pack && !rows.some((row) => row.term === other)) expect(postingsInPack(pack.terms, other)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('share the bytes of terms with a common start (name keys of one surname)', () => {
    const rows = Array.from({ length: 20 }, (_unused, index) => ({
      term: `@a:garcia-marquez ${String.fromCharCode(97 + index)} garcia-marquez`,
      postings: Buffer.of(2, 1, 1, 5, 0, 0, 4),
    }));
    const [pack, ...others] = packAll(rows);
    expect(others).toEqual([]);
    const whole = rows.reduce((sum, row) => sum + row.term.length + row.postings.length, 0);
    expect(pack!.terms.length).toBeLessThan(whole * 0.7);
  });

  it('leave terms with long postings to rows of their own', () => {
    const packer = new TermPacker(CAPACITY);
    expect(packer.isSmall('word', Buffer.alloc(CAPACITY / 8))).toBe(false);
    expect(packer.isSmall('word', Buffer.alloc(20))).toBe(true);
  });

  it('refuse a pack cut short, sharing more than it held, or of another layout', () => {
    const [pack] = packAll([
      { term: 'alpha', postings: Buffer.of(1, 2, 3) },
      { term: 'alphabet', postings: Buffer.of(4, 5) },
    ]);
    expect(() => unpackTerms(pack!.terms.subarray(0, pack!.terms.length - 1))).toThrow(/cut short/);
    expect(() => unpackTerms(Buffer.of(9, 1, 0, 1, 97, 1, 1))).toThrow(/unknown layout/);
    expect(() => unpackTerms(Buffer.of(1, 1, 5, 1, 97, 1, 1))).toThrow(/sharing more/);
  });
});
