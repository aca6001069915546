import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyQuery, isEmptyQuery, parseQuery } from './query.ts';

describe('parseQuery', () => {
  it('reads plain words, phrases and exclusions', async () => {
    expect(parseQuery('graph neural "message passing" -survey -"large language"')).toMatchObject({
      words: ['graph', 'neural'],
      phrases: [['message', 'passing']],
      excluded: [['survey'], ['large', 'language']],
    });
  });

  it('reads every operator', async () => {
    expect(parseQuery('author:"Yann LeCun" au:bengio cat:cs.LG year:2024 has:code diffusion')).toMatchObject({
      words: ['diffusion'],
      authors: [['yann', 'lecun'], ['bengio']],
      categories: ['cs.LG'],
      after: '2024-01-01',
      before: '2025-01-01',
      hasCode: true,
    });
    expect(parseQuery('after:2025-01 before:2025-06-30 x')).toMatchObject({ after: '2025-01-01', before: '2025-06-30' });
  });

  it('goes straight to a paper named by id or URL', async () => {
    for (const [input, id] of [
      ['2401.12345', '2401.12345'],
      ['2401.12345v2', '2401.12345'],
      ['hep-th/9901001', 'hep-th/9901001'],
      ['https://arxiv.org/abs/2401.12345v3', '2401.12345'],
      ['arxiv.org/pdf/2401.12345', '2401.12345'],
      ['https://huggingface.co/papers/2401.12345', '2401.12345'],
    ]) {
      expect(parseQuery(`  ${input} `).arxivId, input).toBe(id);
    }
    expect(parseQuery('2401.12345 transformers').arxivId).toBeNull();
  });

  it('keeps going on what it cannot read, with a note', async () => {
    const query = parseQuery('cat:"not a category" year:twenty after:soon has:data foo:bar');
    expect(query.words).toEqual(['foo', 'bar']);
    expect(query.categories).toEqual([]);
    expect(query.notes).toHaveLength(4);
  });

  it('survives unbalanced quotes, FTS and SQL syntax, and huge input', async () => {
    expect(parseQuery('"unbalanced phrase').phrases).toEqual([['unbalanced', 'phrase']]);
    expect(parseQuery('NEAR(a b) OR c* ^d; DROP TABLE papers; --').words).toEqual([
      'near',
      'a',
      'b',
      'or',
      'c',
      'd',
      'drop',
      'table',
      'papers',
    ]);
    const huge = parseQuery('word '.repeat(2_500));
    expect(huge.words.length).toBe(64);
    expect(huge.notes).toContain('only the first 2,000 characters were searched');
  });

  it('tells an empty query', async () => {
    expect(isEmptyQuery(parseQuery(''))).toBe(true);
    expect(isEmptyQuery(parseQuery('cat:cs.LG has:code'))).toBe(true);
    expect(isEmptyQuery(parseQuery('-only -excluded'))).toBe(true);
    expect(isEmptyQuery(parseQuery('x'))).toBe(false);
    expect(emptyQuery().notes).toEqual([]);
  });
});

describe('parseQuery properties', () => {
  it('never throws and yields only index-safe words', async () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (input) => {
        const query = parseQuery(input);
        const all = [...query.words, ...query.phrases.flat(), ...query.excluded.flat(), ...query.authors.flat()];
        return all.every((word) => /^[\p{L}\p{N}]+$/u.test(word));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every plain word of a query made of plain words', async () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 10 }), (words) => {
        return JSON.stringify(parseQuery(words.join(' ')).words) === JSON.stringify(words);
      }),
    );
  });

  it('excludes what is negated and never also searches it', async () => {
    const word = fc.stringMatching(/^[a-z]{2,10}$/);
    fc.assert(
      fc.property(word, word, (kept, dropped) => {
        const query = parseQuery(`${kept} -${dropped}`);
        return query.words.length === 1 && query.words[0] === kept && query.excluded[0]?.[0] === dropped;
      }),
    );
  });

  it('reads dates it was given back unchanged', async () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (date) => {
        const day = date.toISOString().slice(0, 10);
        return parseQuery(`after:${day} x`).after === day;
      }),
    );
  });
});
