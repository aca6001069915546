import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { packAbstract, registerAbstractFunctions, unpackAbstract } from './abstract-packing.ts';

const ABSTRACT =
  'We propose a novel framework for speech recognition based on large language models. Extensive experiments ' +
  'demonstrate that our approach achieves state-of-the-art performance on several benchmarks, while reducing cost.';

describe('packed abstracts', () => {
  it('read back as written, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 3000 }), fc.string({ unit: 'grapheme', maxLength: 500 }), fc.lorem({ maxCount: 300 })),
        (text) => {
          expect(unpackAbstract(packAbstract(text))).toBe(text);
        },
      ),
    );
  });

  it('pack a real abstract to under half, and leave short or incompressible text as it is', () => {
    const packed = packAbstract(ABSTRACT);
    expect(Buffer.isBuffer(packed)).toBe(true);
    expect(packed.length).toBeLessThan(ABSTRACT.length / 2);
    expect(packAbstract('A short one.')).toBe('A short one.');
    const noise = Buffer.from(Array.from({ length: 200 }, (_unused, index) => 33 + ((index * 7919) % 94))).toString('latin1');
    expect(typeof packAbstract(noise) === 'string' || unpackAbstract(packAbstract(noise)) === noise).toBe(true);
    expect(unpackAbstract(packAbstract('{'.repeat(40_000)))).toBe('{'.repeat(40_000));
  });

  it('refuse bytes in an unknown format, or damaged, with an error', () => {
    expect(() => unpackAbstract(Uint8Array.of(9, 1, 2))).toThrow(/unknown format/);
    const packed = packAbstract(ABSTRACT) as Buffer;
    expect(() => unpackAbstract(packed.subarray(0, 5))).toThrow();
  });

  it("are written by SQLite's pack_abstract(), which keeps bytes packed before as they are", () => {
    const db = new Database(':memory:');
    registerAbstractFunctions(db);
    const pack = db.prepare('SELECT pack_abstract(?) AS packed').pluck();
    const packed = packAbstract(ABSTRACT) as Buffer;
    expect(pack.get(ABSTRACT)).toEqual(packed);
    expect(pack.get(packed)).toEqual(packed);
    expect(pack.get('A short one.')).toBe('A short one.');
    expect(pack.get(null)).toBeNull();
    expect(db.prepare('SELECT paper_abstract(pack_abstract(?))').pluck().get(packed)).toBe(ABSTRACT);
    db.close();
  });
});
