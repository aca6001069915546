import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSignedFor, signLink } from './signed-links.ts';

const key = Buffer.from('a test key that is long enough for hmac use');
const ada = { accountId: 7, email: 'ada@example.org' };
const alan = { accountId: 8, email: 'alan@example.org' };

describe('signed links', () => {
  it('work for their purpose and reader only', async () => {
    const token = signLink(key, 'unsubscribe', ada);
    expect(isSignedFor(key, 'unsubscribe', token, ada)).toBe(true);
    expect(isSignedFor(key, 'preferences', token, ada)).toBe(false);
    expect(isSignedFor(key, 'unsubscribe', token, alan)).toBe(false);
    // The same id given later to another address (an account deleted, its id reused).
    expect(isSignedFor(key, 'unsubscribe', token, { accountId: 7, email: 'eve@example.org' })).toBe(false);
    expect(isSignedFor(Buffer.from('another key, another hub, same length!!!!'), 'unsubscribe', token, ada)).toBe(false);
  });

  it('refuse a swapped account id, a changed edition and a forged signature', async () => {
    const alanToken = signLink(key, 'unsubscribe', alan);
    const swapped = alanToken.replace(/^8\./, '7.');
    expect(isSignedFor(key, 'unsubscribe', swapped, ada)).toBe(false);
    const view = signLink(key, 'view', { ...ada, edition: '2026-08-20' });
    expect(isSignedFor(key, 'view', view, { ...ada, edition: '2026-08-20' })).toBe(true);
    expect(isSignedFor(key, 'view', view.replace('2026-08-20', '2026-08-19'), { ...ada, edition: '2026-08-19' })).toBe(false);
    const token = signLink(key, 'preferences', ada);
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(isSignedFor(key, 'preferences', flipped, ada)).toBe(false);
  });

  it('never accept a token that was not signed here', async () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (token) => {
        expect(isSignedFor(key, 'unsubscribe', token, ada)).toBe(false);
      }),
    );
  });
});
