import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSegment, postingsAt } from './segment.ts';
import { BLOCK, decodePostings, FIELDS, PostingList } from './postings.ts';
import { termPart } from './impacts.ts';
import { termsOf } from '../domain/terms.ts';

const WEIGHTS = [2.5, 1, 1];

describe('a segment', () => {
  it('files a document under its keys, once each, counted in no field and not in its length', () => {
    const built = buildSegment(
      [
        { seq: 3, fields: ['Neural codecs', 'Speech codecs', null], keys: ['@a:lovelace ada lovelace', '@a:lovelace ada lovelace'] },
        { seq: 9, fields: ['Codecs', null, 'Ada Lovelace'], keys: ['@a:lovelace ada lovelace', '@a:turing alan turing'] },
        { seq: 12, fields: null },
      ],
      WEIGHTS,
    );
    expect(built.lengths).toEqual([4, 3, 0]);
    const postingsOf = (term: string) => decodePostings(postingsAt(built, built.terms.indexOf(term)));
    const ada = postingsOf('@a:lovelace ada lovelace');
    expect([...ada.seqs]).toEqual([3, 9]);
    expect([...ada.counts]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...postingsOf('@a:turing alan turing').seqs]).toEqual([9]);
    const codec = postingsOf('codec');
    expect([...codec.seqs]).toEqual([3, 9]);
    expect([...codec.counts]).toEqual([1, 1, 0, 1, 0, 0]);
    expect([...postingsOf('lovelac').counts]).toEqual([0, 0, 1]);
  });
});

describe('a segment built from any text', () => {
  /** Words that repeat across documents, with case, accents and non-Latin letters mixed in. */
  const text = fc.array(fc.constantFrom('Speech', 'speech', 'CODEC', 'codecs', 'Café', 'cafe', 'Θεός', '42', 'x', '—', ' ', ', '), {
    maxLength: 30,
  });
  const documents = fc.array(fc.tuple(text, text, fc.option(text)), { minLength: 1, maxLength: 30 });

  it('holds, for each term, each document and how often each field uses it, as termsOf counts them', () => {
    fc.assert(
      fc.property(documents, (texts) => {
        const fields = texts.map(([title, abstract, authors]) => [title.join(''), abstract.join(''), authors?.join('') ?? null]);
        const built = buildSegment(
          fields.map((document, index) => ({ seq: index + 1, fields: document })),
          WEIGHTS,
        );
        const expected = new Map<string, Map<number, number[]>>();
        fields.forEach((document, index) =>
          document.forEach((field, position) => {
            for (const term of termsOf(field ?? '')) {
              const counts = expected.get(term)?.get(index + 1) ?? [0, 0, 0];
              counts[position]!++;
              expected.set(term, (expected.get(term) ?? new Map()).set(index + 1, counts));
            }
          }),
        );
        expect([...built.terms].sort()).toEqual([...expected.keys()].sort());
        for (const [term, byDocument] of expected) {
          const { seqs, counts } = decodePostings(postingsAt(built, built.terms.indexOf(term)));
          expect([...seqs]).toEqual([...byDocument.keys()]);
          expect([...counts]).toEqual([...byDocument.values()].flat());
        }
        expect(built.lengths).toEqual(fields.map((document) => document.reduce((sum, field) => sum + termsOf(field ?? '').length, 0)));
      }),
    );
  });
});

describe("a segment's impacts", () => {
  it("bound each block's documents under the source's weights and the segment's average length, rounded up by less than a step", () => {
    const documents = Array.from({ length: 300 }, (_unused, index) => ({
      seq: 10 + index,
      fields: [index % 7 ? 'Speech' : 'Speech codecs', `speech ${'word '.repeat(index % 50)}`, null],
    }));
    const built = buildSegment(documents, WEIGHTS);
    const list = new PostingList(postingsAt(built, built.terms.indexOf('speech')));
    const averageLength = Math.round(built.lengths.reduce((sum, length) => sum + length, 0) / built.lengths.length);
    expect(list.impactModel).toEqual({ weights: WEIGHTS, averageLength });
    const { counts } = decodePostings(list.stored);
    for (let block = 0; block < list.blocks; block++) {
      const parts = documents.slice(block * BLOCK, (block + 1) * BLOCK).map((document, index) => {
        const at = (block * BLOCK + index) * FIELDS;
        const f = 2.5 * counts[at]! + counts[at + 1]! + counts[at + 2]!;
        return termPart(f, built.lengths[block * BLOCK + index]!, averageLength);
      });
      const most = Math.max(...parts);
      expect(list.impacts![block]! / 255).toBeGreaterThanOrEqual(most);
      expect(list.impacts![block]! / 255).toBeLessThan(most + 1 / 255);
    }
  });
});
