import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paperTerms, TERM_BUCKETS } from './paper-terms.ts';
import { buildSpace, cosine, indexVectors, similarities, vectorOf } from './term-space.ts';
import { reasonText, shortTitle } from './recommend-reasons.ts';

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.lorem({ maxCount: 60 }),
  fc.constantFrom('{'.repeat(40_000), '$\\constructor$ __proto__'),
);

describe('the terms papers are compared by', () => {
  it('are stems less stop words, and pairs of neighbours, the title counting twice', async () => {
    const alone = (text: string) => paperTerms(text, '').terms.length;
    expect(alone('the of and')).toBe(0);
    expect(alone('speech codecs')).toBe(3); // speech, codec, "speech codec"
    const counts = paperTerms('Speech codecs', 'A codec.');
    expect([...counts.counts].sort()).toEqual([2, 2, 3]); // the title's words and pair twice, "codec" once more
    expect(paperTerms('codecs', '').terms).toEqual(paperTerms('codec', '').terms);
  });

  it('never fail, stay in their buckets, come sorted and once each, whatever the text', async () => {
    fc.assert(
      fc.property(anyText, anyText, (title, abstract) => {
        const { terms, counts } = paperTerms(title, abstract);
        expect(terms.length).toBe(counts.length);
        for (let i = 0; i < terms.length; i++) {
          expect(terms[i]).toBeGreaterThanOrEqual(0);
          expect(terms[i]).toBeLessThan(TERM_BUCKETS);
          if (i) expect(terms[i]).toBeGreaterThan(terms[i - 1]!);
          expect(counts[i]).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('make unit vectors whose cosine with themselves is 1', async () => {
    const pool = ['graph neural networks', 'speech codec tokens', 'graph message passing', 'image segmentation'].map((text) =>
      paperTerms(text, ''),
    );
    const space = buildSpace(pool);
    const vector = vectorOf(space, pool[0]!);
    expect(cosine(vector, vector)).toBeCloseTo(1, 5);
    expect(cosine(vector, vectorOf(space, pool[1]!))).toBe(0);
  });

  it('give through the candidates’ index each candidate’s cosine, and list those it reaches once each', async () => {
    const words = ['graph', 'neural', 'speech', 'codec', 'token', 'image', 'segment', 'protein', 'fold', 'policy'];
    const space = buildSpace(words.flatMap((word) => words.map((other) => paperTerms(`${word} ${other}`, ''))));
    const text = fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((picked) => picked.join(' '));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 30 }), text, (texts, query) => {
        const candidates = texts.map((candidate) => vectorOf(space, paperTerms(candidate, '')));
        const vector = vectorOf(space, paperTerms(query, ''));
        const into = new Float32Array(candidates.length);
        const touched = new Int32Array(candidates.length);
        const reached = similarities(indexVectors(candidates), vector, into, touched);
        candidates.forEach((candidate, doc) => expect(into[doc]).toBeCloseTo(cosine(vector, candidate), 5));
        expect([...touched.subarray(0, reached)].sort((a, b) => a - b)).toEqual(
          candidates.flatMap((candidate, doc) => (cosine(vector, candidate) > 0 ? [doc] : [])),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('reasons', () => {
  it('quote a title on one line, cut at a word', async () => {
    expect(shortTitle('XY-Tokenizer:\n  Mitigating the Semantic-Acoustic Conflict in Low-Bitrate Speech Codecs, for real-time use')).toBe(
      'XY-Tokenizer: Mitigating the Semantic-Acoustic Conflict in Low-Bitrate Speech…',
    );
    expect(reasonText({ kind: 'like', paperId: 'x', title: 'A', source: { kind: 'saved', collection: 'Speech codecs' } })).toBe(
      'like “A”, which you saved in Speech codecs',
    );
    expect(reasonText({ kind: 'like', paperId: 'x', title: 'A', source: { kind: 'voted' } })).toBe('like “A”, which you voted for');
  });

  it('stay short whatever the title', async () => {
    fc.assert(
      fc.property(anyText, (title) => {
        const short = shortTitle(title);
        expect(short.length).toBeLessThanOrEqual(81);
        expect(short).not.toMatch(/\n/);
      }),
      { numRuns: 150 },
    );
  });
});
