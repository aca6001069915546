import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuery } from '../domain/query.ts';
import { inARowChecks, matchPlan, requiresAnything } from './match-plan.ts';
import { CODE_KEY, categoryKeyTerm } from '../db/paper-text.ts';

describe('matchPlan', () => {
  it('asks every distinctive word only when every word must match', () => {
    const query = parseQuery('the effect of dropout on transformers');
    expect(matchPlan(query, { words: false, prefix: false }).required).toEqual([]);
    expect(matchPlan(query, { words: true, prefix: false }).required.map((phrase) => phrase.terms)).toEqual([
      ['effect'],
      ['dropout'],
      ['transform'],
    ]);
  });

  it('keeps stopwords when there is nothing else', () => {
    expect(matchPlan(parseQuery('the who'), { words: true, prefix: false }).required.map((phrase) => phrase.terms)).toEqual([
      ['the'],
      ['who'],
    ]);
  });

  it('holds phrases anywhere, authors in the authors field, and exclusions apart', () => {
    const plan = matchPlan(parseQuery('"neural codecs" author:"Ada Lovelace" speech -video -"image generation"'), {
      words: false,
      prefix: false,
    });
    expect(plan.required).toEqual([
      { terms: ['neural', 'codec'], field: null },
      { terms: ['ada', 'lovelac'], field: 2 },
    ]);
    expect(plan.excluded).toEqual([
      { terms: ['video'], field: null },
      { terms: ['imag', 'gener'], field: null },
    ]);
    // Only phrases of several words need the papers' text.
    expect(inARowChecks(plan)).toEqual({ required: plan.required, excluded: [plan.excluded[1]] });
  });

  it('requires nothing of exclusions alone', () => {
    expect(requiresAnything(matchPlan(parseQuery('-survey -"image generation"'), { words: true, prefix: true }))).toBe(false);
  });

  it('requires a key term of any wanted category, and the code key, of the filters', () => {
    const plan = matchPlan(parseQuery('cat:cs.LG cat:stat has:code -survey'), { words: false, prefix: false });
    expect(plan.keyed).toEqual([[categoryKeyTerm('cs.LG'), categoryKeyTerm('stat')], [CODE_KEY]]);
    expect(requiresAnything(plan)).toBe(true);
    expect(matchPlan(parseQuery('speech after:2024-01-01'), { words: false, prefix: false }).keyed).toEqual([]);
  });

  it('makes index terms of any input, never an empty phrase', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (input) => {
        const plan = matchPlan(parseQuery(input), { words: true, prefix: true });
        for (const phrase of [...plan.required, ...plan.excluded]) {
          expect(phrase.terms.length).toBeGreaterThan(0);
          for (const term of phrase.terms) expect(term).toMatch(/^[\p{L}\p{M}\p{N}\p{Co}]+$/u);
        }
      }),
    );
  });
});
