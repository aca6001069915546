import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendPlaced, BLOCK, decodePostings, FIELDS, PostingList, SIZED } from './postings.ts';
import { encodePostings } from './postings-encoding.ts';
import { joinBlocks, JOIN_FROM } from './postings-join.ts';
import { PostingCursor } from './posting-cursor.ts';
import { impactOf, type ImpactSource } from './impacts.ts';
import { ByteReader } from './bytes.ts';

/** A document's length, by seq: any from 1 to 400 words. */
const lengthOf = (seq: number) => 1 + ((seq * 7919) % 400);
const source = (averageLength: number, weights = [2.5, 1, 1]): ImpactSource => ({ model: { weights, averageLength }, lengthOf });

/** Lists of the given sizes, each one's seqs after the one before's, with counts mostly small. */
function listsOf(sizes: number[], gaps: number[], countsSeed: number) {
  let seq = 0;
  return sizes.map((size, list) => {
    const seqs = Uint32Array.from({ length: size }, (_unused, index) => (seq += 1 + ((index * 31 + gaps[list]!) % (gaps[list]! + 1))));
    const counts = Uint8Array.from({ length: size * FIELDS }, (_unused, index) =>
      (index * 13 + countsSeed) % 11 === 0 ? 200 : (index + countsSeed) % 4,
    );
    return { seqs, counts };
  });
}

const concatenated = (parts: Uint32Array[] | Uint8Array[]) => parts.flatMap((part) => [...part]);

describe('lists joined by their blocks', () => {
  it('decode, step and seek as the lists one after the other, with impacts that bound every document under the joined model', () => {
    // Mostly lists long enough to be joined, some of a block or less (without impacts).
    const size = fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: JOIN_FROM, max: 8 * BLOCK + 40 }) },
      fc.integer({ min: 1, max: BLOCK }),
    );
    const sizes = fc.array(size, { minLength: 2, maxLength: 5 });
    const averages = fc.array(fc.integer({ min: 20, max: 300 }), { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(sizes, fc.array(fc.nat(50), { minLength: 5, maxLength: 5 }), averages, fc.nat(10), (counts, gaps, written, seed) => {
        const lists = listsOf(counts, gaps, seed);
        // Each list written with impacts under an average length of its own (those of one block have none).
        const stored = lists.map(({ seqs, counts: fields }, index) => encodePostings(seqs, fields, seqs.length, source(written[index]!)));
        const joined = joinBlocks(stored, source(150));
        const documents = counts.reduce((sum, size) => sum + size, 0);
        if (documents < JOIN_FROM * lists.length) {
          expect(joined).toBeNull();
          return;
        }
        expect(joined![0]).toBe(SIZED);
        const decoded = decodePostings(joined!);
        expect([...decoded.seqs]).toEqual(concatenated(lists.map((list) => list.seqs)));
        expect([...decoded.counts]).toEqual(concatenated(lists.map((list) => list.counts)));
        const list = new PostingList(joined!);
        expect(list.blocks).toBe(stored.reduce((sum, one) => sum + new PostingList(one).blocks, 0));
        const model = list.impactModel!;
        for (let block = 0, at = 0; block < list.blocks; block++) {
          const seqs = new Uint32Array(BLOCK);
          const fields = new Uint8Array(BLOCK * FIELDS);
          const size = list.decodeBlock(block, seqs, fields);
          expect(list.lastSeqs[block]).toBe(seqs[size - 1]);
          for (let index = 0; index < size; index++, at++) {
            const bound = impactOf(
              fields[index * FIELDS]!,
              fields[index * FIELDS + 1]!,
              fields[index * FIELDS + 2]!,
              lengthOf(seqs[index]!),
              model,
            );
            expect(bound).toBeLessThanOrEqual(list.impacts![block]!);
          }
        }
        // A cursor seeking each tenth document finds it.
        const cursor = new PostingCursor(list);
        for (let index = 0; index < documents; index += 10) {
          cursor.seek(decoded.seqs[index]!);
          expect(cursor.seq).toBe(decoded.seqs[index]);
        }
        // And a merge reading it keeps what it places.
        const placed = new Uint8Array(decoded.seqs.at(-1)! + 1).fill(1);
        const into = { seqs: new Uint32Array(documents), counts: new Uint8Array(documents * FIELDS) };
        expect(appendPlaced(joined!, placed, 1, into.seqs, into.counts, 0)).toBe(documents);
        expect([...into.seqs]).toEqual([...decoded.seqs]);
      }),
      { numRuns: 60 },
    );
  });

  it('keep a list’s impacts under the least average length they were written with, and compute those of a list without', () => {
    const [long, short, other] = listsOf([8 * BLOCK, 40, 8 * BLOCK + 7], [3, 5, 2], 1);
    const stored = [
      encodePostings(long!.seqs, long!.counts, long!.seqs.length, source(180)),
      encodePostings(short!.seqs, short!.counts, short!.seqs.length, source(180)),
      encodePostings(other!.seqs, other!.counts, other!.seqs.length, source(170)),
    ];
    const list = new PostingList(joinBlocks(stored, source(175))!);
    expect(list.impactModel).toEqual({ weights: [2.5, 1, 1], averageLength: 170 });
    expect([...list.impacts!.subarray(0, 8)]).toEqual([...new PostingList(stored[0]!).impacts!]);
    expect(list.sizeOf(8)).toBe(40);
    expect(list.impacts![8]).toBeGreaterThan(0);
  });

  it('are not made of lists whose documents interleave, of short lists, or under weights impacts cannot keep', () => {
    const [first, second] = listsOf([5 * BLOCK, 5 * BLOCK], [1, 1], 0);
    const shifted = Uint32Array.from(second!.seqs, (seq) => seq - 5);
    const encode = (seqs: Uint32Array, counts: Uint8Array) => encodePostings(seqs, counts, seqs.length, source(100));
    expect(joinBlocks([encode(first!.seqs, first!.counts), encode(shifted, second!.counts)], source(100))).toBeNull();
    expect(joinBlocks([encode(first!.seqs, first!.counts), encode(second!.seqs, second!.counts)], source(100))).not.toBeNull();
    expect(joinBlocks([encode(second!.seqs, second!.counts), encode(first!.seqs, first!.counts)], source(100))).not.toBeNull();
    const few = first!.seqs.subarray(0, JOIN_FROM - 1);
    expect(joinBlocks([encode(few, first!.counts), encode(second!.seqs.subarray(0, 1), second!.counts)], source(100))).toBeNull();
    expect(joinBlocks([encode(first!.seqs, first!.counts), encode(second!.seqs, second!.counts)], source(100, [0.25, 1, 1.05]))).toBeNull();
  });

  it('are refused by a reader when their blocks’ sizes do not add up to their documents', () => {
    const [first, second] = listsOf([4 * BLOCK, 5 * BLOCK], [1, 1], 0);
    const stored = [first!, second!].map(({ seqs, counts }) => encodePostings(seqs, counts, seqs.length, source(100)));
    const joined = joinBlocks(stored, source(100))!;
    expect(new PostingList(joined).documents).toBe(9 * BLOCK);
    // The first block's size: after the list's format, documents, blocks, average length and weights, then the block's last seq and length.
    const reader = new ByteReader(joined);
    const skipped = [
      reader.byte(),
      reader.varint(),
      reader.varint(),
      reader.varint(),
      ...reader.raw(FIELDS),
      reader.varint(),
      reader.varint(),
    ];
    expect(skipped.slice(0, 3)).toEqual([SIZED, 9 * BLOCK, 9]);
    for (const size of [0, BLOCK - 1, BLOCK + 1]) {
      const damaged = Buffer.from(joined);
      damaged[reader.at] = size;
      expect(() => new PostingList(damaged)).toThrow(/damaged header/);
      expect(() => decodePostings(damaged)).toThrow(/damaged header/);
      const into = { seqs: new Uint32Array(10 * BLOCK), counts: new Uint8Array(10 * BLOCK * FIELDS) };
      expect(() => appendPlaced(damaged, new Uint8Array(100_000), 1, into.seqs, into.counts, 0)).toThrow(/damaged header/);
    }
  });
});
