import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nameKey, sameAuthorKeys } from './author-names.ts';

describe('author names', () => {
  it('fold case, accents and punctuation into one key', async () => {
    for (const name of ['José García-López', 'JOSE GARCIA LOPEZ', 'José  García López', 'Jose\u0301 Garci\u0301a-Lo\u0301pez'])
      expect(nameKey(name)).toBe('jose garcia lopez');
    expect(nameKey('J. M. García')).toBe('j m garcia');
    expect(nameKey('$\\constructor$')).toBe('constructor');
  });

  it('join initials to a full name only when no other full name fits them', async () => {
    const hub = ['jose garcia', 'j garcia', 'maria garcia', 'm garcia', 'j m garcia', 'ada lovelace'].map(nameKey);
    expect(sameAuthorKeys('jose garcia', hub).sort()).toEqual(['j garcia', 'jose garcia']);
    expect(sameAuthorKeys('j garcia', hub).sort()).toEqual(['j garcia', 'jose garcia']);
    expect(sameAuthorKeys('maria garcia', hub).sort()).toEqual(['m garcia', 'maria garcia']);
    // A second J. García makes the initials ambiguous: each full name keeps to itself.
    const two = [...hub, 'juan garcia'];
    expect(sameAuthorKeys('jose garcia', two)).toEqual(['jose garcia']);
    expect(sameAuthorKeys('j garcia', two)).toEqual(['j garcia']);
    expect(sameAuthorKeys('ada lovelace', hub)).toEqual(['ada lovelace']);
  });

  it('key any name, however long or strange, in bounded time', async () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5_000 }), (name) => {
        const key = nameKey(name);
        expect(key.length).toBeLessThanOrEqual(800);
        expect(key).toBe(key.trim());
        sameAuthorKeys(key, [key, `a ${key}`, 'b x']);
      }),
    );
  });
});
