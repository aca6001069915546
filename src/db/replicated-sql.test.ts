import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePosition } from './replicated-sql.ts';

describe('a log position from a cookie', () => {
  it('reads PostgreSQL positions and orders them as the log does', () => {
    expect(parsePosition('0/3000148')).toBe(0x3000148n);
    expect(parsePosition('16/B374D848')! > parsePosition('15/FFFFFFFF')!).toBe(true);
  });

  it('is null for anything else a client may send, never an error', () => {
    for (const forged of ['', '0/', '/1', '1/2/3', 'ZZ/1', '123456789/1', '-1/5', ' 0/1', '0/1; admin=1', null, undefined])
      expect(parsePosition(forged)).toBeNull();
    fc.assert(
      fc.property(fc.string({ maxLength: 10_000 }), (text) => {
        const position = parsePosition(text);
        expect(position === null || (position >= 0n && position < 2n ** 64n)).toBe(true);
      }),
    );
  });
});
