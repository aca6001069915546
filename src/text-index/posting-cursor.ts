// Reads one stored list of postings (postings.ts) forwards for a search: a
// block is decoded only when the cursor lands in it, and a block it skips to
// is not decoded until asked; a block's counts are read only once a posting of
// it is weighed (a list only sought is mostly asked whether it holds a seq).
import { BLOCK, FIELDS, type PostingList } from './postings.ts';

/**
 * Reads a list forwards, a decoded block at a time: the posting it is on, its seq and counts. It
 * may skip to a block without decoding it (`skipTo`): its seq is then only the least it may be,
 * until `settle` decodes the block.
 */
export class PostingCursor {
  /** The seq of the posting it is on; Infinity past the end; while not `exact`, the least it may be. */
  seq = 0;
  exact = false;
  /** The block it is in. */
  block = 0;
  /** While not exact: the seq sought in the block. */
  private target = 0;
  private index = 0;
  private size = 0;
  private readonly seqs = new Uint32Array(BLOCK);
  private readonly counts = new Uint8Array(BLOCK * FIELDS);
  /** Where the decoded block's counts start in the list; -1 once read into `counts` (a block's counts are read when first weighed). */
  private countsFrom = -1;

  constructor(readonly list: PostingList) {
    if (!list.blocks) this.end();
  }

  /** The posting's counts weighed by field (once exact). */
  weighed(weight0: number, weight1: number, weight2: number): number {
    if (this.countsFrom >= 0) {
      this.list.decodeBlockCounts(this.block, this.countsFrom, this.counts);
      this.countsFrom = -1;
    }
    const counts = this.counts;
    const at = this.index * FIELDS;
    return weight0 * counts[at]! + weight1 * counts[at + 1]! + weight2 * counts[at + 2]!;
  }

  /** The last seq of its block. */
  get blockEnd(): number {
    return this.list.lastSeqs[this.block] ?? Infinity;
  }

  next(): void {
    this.settle();
    if (++this.index < this.size) this.seq = this.seqs[this.index]!;
    else if (this.block + 1 < this.list.blocks) this.decode(this.block + 1, 0);
    else this.end();
  }

  /** Moves to the first posting whose seq is at least `target` (never back), decoding its block. */
  seek(target: number): void {
    this.skipTo(target);
    this.settle();
  }

  /** Moves towards the first posting whose seq is at least `target` (never back), decoding no block it was not in. */
  skipTo(target: number): void {
    if (this.seq >= target) return;
    if (this.exact && this.list.lastSeqs[this.block]! >= target) {
      this.index = this.firstAtLeast(target, this.index);
      this.seq = this.seqs[this.index]!;
      return;
    }
    const block = this.list.blockHolding(target, this.block);
    if (block >= this.list.blocks) return this.end();
    this.block = block;
    this.target = target;
    this.seq = target;
    this.exact = false;
  }

  /** Decodes the block it skipped to, if it has not: its seq is then exact. */
  settle(): void {
    if (!this.exact) this.decode(this.block, this.target);
  }

  private decode(block: number, target: number): void {
    this.block = block;
    this.size = this.list.sizeOf(block);
    this.countsFrom = this.list.decodeBlockSeqs(block, this.seqs);
    this.index = this.firstAtLeast(target, 0);
    this.seq = this.seqs[this.index]!;
    this.exact = true;
  }

  /** The first position of the decoded block from `from` on with a seq at least `target` (one exists). */
  private firstAtLeast(target: number, from: number): number {
    let low = from;
    let high = this.size - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.seqs[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private end(): void {
    this.block = this.list.blocks;
    this.seq = Infinity;
    this.exact = true;
    this.size = 0;
  }
}
