import { describe, expect, it } from 'vitest';
import { buildSegment, postingsAt } from './segment.ts';
import { decodePostings } from './postings.ts';

describe('a segment', () => {
  it('files a document under its keys, once each, counted in no field and not in its length', () => {
    const built = buildSegment([
      { seq: 3, fields: ['Neural codecs', 'Speech codecs', null], keys: ['@a:lovelace ada lovelace', '@a:lovelace ada lovelace'] },
      { seq: 9, fields: ['Codecs', null, 'Ada Lovelace'], keys: ['@a:lovelace ada lovelace', '@a:turing alan turing'] },
      { seq: 12, fields: null },
    ]);
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
