import { describe, expect, it } from 'vitest';
import { checkedEmail, safePath } from './accounts.ts';
import { OFF_SITE } from '../../test/hostile-paths.ts';

describe('where a sign-in or form may send the reader back to', () => {
  it('keeps paths on this site and nothing else', async () => {
    expect(safePath('/papers/2608.19880')).toBe('/papers/2608.19880');
    expect(safePath('/search?q=speech+enhancement&cat=cs.SD')).toBe('/search?q=speech+enhancement&cat=cs.SD');
    expect(safePath('/search?q=Schrödinger')).toBe('/search?q=Schr%C3%B6dinger');
    for (const hostile of [
      ...OFF_SITE,
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/\t/evil.example',
      '',
      'papers',
    ]) {
      expect(safePath(hostile), hostile).toBe('/');
    }
    expect(safePath('/a/../papers/./2608.19880')).toBe('/papers/2608.19880');
    expect(safePath('/a\r\nSet-Cookie: x=1')).not.toMatch(/[\r\n]/);
  });

  it('reads e-mail addresses plainly', async () => {
    expect(checkedEmail('  Ada@Example.ORG ')).toBe('ada@example.org');
    expect(() => checkedEmail('ada@localhost')).toThrow('is not an e-mail address');
    expect(() => checkedEmail('a b@example.org')).toThrow('is not an e-mail address');
  });
});
