// One term's postings in one segment, as stored, compressed: documents in seq
// order, in blocks of BLOCK. The layout (every number a varint, LEB128):
//   FORMAT, documents, blocks, and (FORMAT 3) the average length impacts were
//   computed with (0: none) and, if any, the field weights in tenths, a byte each;
//   per block: its last seq less the previous block's last seq, its length in
//   bytes, the most the term occurs in each of the FIELDS fields among its
//   documents (a byte each) and, with impacts, its impact byte (impacts.ts): for
//   skipping blocks that cannot rank;
//   then the blocks: each document's seq less the one before it, then one byte
//   per document for its counts in the fields (COUNT_CODE), or ESCAPE and a
//   byte per field.
// Every block holds BLOCK documents but the last, except in lists of SIZED,
// whose blocks' entries say how many each holds after its length (a byte, 1 to
// BLOCK): lists joined from other lists' blocks (postings-join.ts).
// Counts are capped at 255, as before compression; a stored seq is never
// larger than 2^32 - 1. Lists of FORMAT 2 (no impacts) are read as they are.
// Lists are written by postings-encoding.ts and postings-join.ts, and read here.
import { ByteReader } from './bytes.ts';
import type { ImpactModel } from './impacts.ts';

export const FIELDS = 3;
/** Documents per block. */
export const BLOCK = 128;
/** The first byte of a list in this layout; FORMAT 2, before impacts, had no average length, weights or impact bytes. */
export const FORMAT = 3;
/** FORMAT with each block's number of documents in its entry. */
export const SIZED = 4;
const BEFORE_IMPACTS = 2;
/** Lists of fewer blocks keep no impacts: read whole, they cost little. */
export const IMPACTS_FROM_BLOCKS = 2;
/** The count byte that says three bytes of counts follow. */
export const ESCAPE = 0xff;
/** The most a count may be. */
export const CAP = 255;

export interface Postings {
  seqs: Uint32Array;
  /** FIELDS counts per document, in the order of seqs. */
  counts: Uint8Array;
}

export interface DecodedPostings extends Postings {
  /** The most any document holds the term in each field. */
  maxima: Uint8Array;
}

/** A block's seqs as appendPlaced reads them. */
const BLOCK_SEQS = new Uint32Array(BLOCK);
/** The blocks' sizes of a SIZED list as appendPlaced reads them: grown to the most blocks a list has had. */
let blockSizes = new Uint8Array(1024);

/** The list's first byte, checked to be a layout read here. */
function readFormat(reader: ByteReader): number {
  const format = reader.byte();
  if (format !== FORMAT && format !== SIZED && format !== BEFORE_IMPACTS) throw new Error('postings in an unknown layout');
  return format;
}

/** Checks a list's number of blocks against its documents (a sized list's sizes are checked as they are read). */
function checkBlocks(format: number, documents: number, blocks: number): void {
  if (format === SIZED ? blocks > documents : blocks !== Math.ceil(documents / BLOCK)) throw new Error('postings with a damaged header');
}

/** A sized block's size, checked; `sum` is the sizes before it. */
function checkedSize(size: number, sum: number, documents: number): number {
  if (size < 1 || size > BLOCK || sum + size > documents) throw new Error('postings with a damaged header');
  return size;
}

/**
 * Appends to `seqs` and `counts` (FIELDS each), from `at`, the postings of the stored list whose
 * `placed[seq]` is `mark`; returns where they end. Reads the blocks in order, with no index of them
 * (a merge reads every list whole, most of them of a document or two).
 */
export function appendPlaced(
  stored: Uint8Array,
  placed: Uint8Array,
  mark: number,
  seqs: Uint32Array,
  counts: Uint8Array,
  at: number,
): number {
  const reader = new ByteReader(stored);
  const format = readFormat(reader);
  const documents = reader.varint();
  const blocks = reader.varint();
  checkBlocks(format, documents, blocks);
  const impacts = format !== BEFORE_IMPACTS && reader.varint() > 0;
  if (impacts) reader.skip(FIELDS);
  const sizes = format === SIZED ? roomForSizes(blocks) : null;
  let length = 0;
  let sized = 0;
  for (let block = 0; block < blocks; block++) {
    reader.varint();
    length += reader.varint();
    if (sizes) sized += sizes[block] = checkedSize(reader.byte(), sized, documents);
    reader.skip(impacts ? FIELDS + 1 : FIELDS);
  }
  if (sizes && sized !== documents) throw new Error('postings with a damaged header');
  const bytes = reader.raw(length);
  const blockSeqs = BLOCK_SEQS;
  let from = 0;
  let seq = 0;
  for (let block = 0; block < blocks; block++) {
    const size = sizes ? sizes[block]! : Math.min(BLOCK, documents - block * BLOCK);
    for (let index = 0; index < size; index++) {
      let byte = bytes[from++]!;
      let delta = byte & 0x7f;
      for (let scale = 128; byte >= 0x80; scale *= 128) {
        byte = bytes[from++]!;
        delta += (byte & 0x7f) * scale;
      }
      blockSeqs[index] = seq += delta;
    }
    for (let index = 0; index < size; index++) {
      const code = bytes[from++]!;
      const kept = placed[blockSeqs[index]!] === mark;
      if (kept) seqs[at] = blockSeqs[index]!;
      const to = at * FIELDS;
      if (code === ESCAPE) {
        if (kept) counts.set(bytes.subarray(from, from + FIELDS), to);
        from += FIELDS;
      } else if (kept) {
        counts[to] = code >> 6;
        counts[to + 1] = (code >> 2) & 15;
        counts[to + 2] = code & 3;
      }
      if (kept) at++;
    }
  }
  if (from > bytes.length) throw new Error('index data cut short');
  return at;
}

/** blockSizes, with room for `blocks` sizes. */
function roomForSizes(blocks: number): Uint8Array {
  if (blockSizes.length < blocks) blockSizes = new Uint8Array(blocks);
  return blockSizes;
}

/** How many documents the stored list holds, from its header alone. */
export function postingsDocuments(stored: Uint8Array): number {
  const reader = new ByteReader(stored);
  readFormat(reader);
  return reader.varint();
}

/** The whole list, decoded. */
export function decodePostings(stored: Uint8Array): DecodedPostings {
  const list = new PostingList(stored);
  const seqs = new Uint32Array(list.documents);
  const counts = new Uint8Array(list.documents * FIELDS);
  for (let block = 0, start = 0; block < list.blocks; block++)
    start += list.decodeBlock(block, seqs.subarray(start), counts.subarray(start * FIELDS));
  return { seqs, counts, maxima: list.maxima };
}

/**
 * A stored list read as needed: its header (each block's last seq, place and maxima) at once, a
 * block's documents only when asked for, so that a search seeking a few documents in a long list
 * decodes the blocks that hold them and no others.
 */
export class PostingList {
  readonly documents: number;
  readonly blocks: number;
  /** The most any document holds the term in each field. */
  readonly maxima = new Uint8Array(FIELDS);
  /** Each block's last seq. */
  readonly lastSeqs: Uint32Array;
  /** Each block's most in each field (FIELDS a block). */
  readonly blockMaxima: Uint8Array;
  /** What impacts were computed with, and each block's impact; null for a list without. */
  readonly impactModel: ImpactModel | null = null;
  readonly impacts: Uint8Array | null = null;
  /** The greatest impact of its blocks (0 without impacts). */
  readonly maxImpact: number;
  /** Where each block starts in the stored bytes, and (at `blocks`) where the last ends. */
  readonly starts: Uint32Array;
  /** Each block's number of documents, in a SIZED list; null when every block but the last holds BLOCK. */
  private readonly sizes: Uint8Array | null;

  constructor(readonly stored: Uint8Array) {
    const reader = new ByteReader(stored);
    const format = readFormat(reader);
    this.documents = reader.varint();
    this.blocks = reader.varint();
    checkBlocks(format, this.documents, this.blocks);
    const averageLength = format === BEFORE_IMPACTS ? 0 : reader.varint();
    if (averageLength) {
      const weights = Array.from({ length: FIELDS }, () => reader.byte() / 10);
      this.impactModel = { weights, averageLength };
      this.impacts = new Uint8Array(this.blocks);
    }
    this.lastSeqs = new Uint32Array(this.blocks);
    this.blockMaxima = new Uint8Array(this.blocks * FIELDS);
    this.starts = new Uint32Array(this.blocks + 1);
    this.sizes = format === SIZED ? new Uint8Array(this.blocks) : null;
    let last = 0;
    let length = 0;
    let sized = 0;
    for (let block = 0; block < this.blocks; block++) {
      this.lastSeqs[block] = last += reader.varint();
      this.starts[block + 1] = length += reader.varint();
      if (this.sizes) sized += this.sizes[block] = checkedSize(reader.byte(), sized, this.documents);
      for (let field = 0; field < FIELDS; field++) {
        const most = (this.blockMaxima[block * FIELDS + field] = reader.byte());
        this.maxima[field] = Math.max(this.maxima[field]!, most);
      }
      if (this.impacts) this.impacts[block] = reader.byte();
    }
    if (this.sizes && sized !== this.documents) throw new Error('postings with a damaged header');
    this.maxImpact = this.impacts ? this.impacts.reduce((most, impact) => Math.max(most, impact), 0) : 0;
    for (let block = 0; block <= this.blocks; block++) this.starts[block] = this.starts[block]! + reader.at;
    if (this.starts[this.blocks]! > stored.length) throw new Error('index data cut short');
  }

  /** Memory it holds: the stored bytes and the parsed header. */
  get bytes(): number {
    const header = this.lastSeqs.byteLength + this.starts.byteLength + this.blockMaxima.byteLength;
    return this.stored.byteLength + header + (this.impacts?.byteLength ?? 0);
  }

  /** The documents in `block`. */
  sizeOf(block: number): number {
    return this.sizes ? this.sizes[block]! : Math.min(BLOCK, this.documents - block * BLOCK);
  }

  /** The seq before the block's first (the previous block's last, or 0). */
  private baseOf(block: number): number {
    return block ? this.lastSeqs[block - 1]! : 0;
  }

  /** Decodes a block's seqs into `seqs` and, unless null, its counts into `counts` (FIELDS each); returns how many. */
  decodeBlock(block: number, seqs: Uint32Array, counts: Uint8Array | null): number {
    const countsFrom = this.decodeBlockSeqs(block, seqs);
    if (counts) this.decodeBlockCounts(block, countsFrom, counts);
    return this.sizeOf(block);
  }

  /** Decodes a block's seqs into `seqs`; returns where its counts start (decodeBlockCounts reads them). */
  decodeBlockSeqs(block: number, seqs: Uint32Array): number {
    const size = this.sizeOf(block);
    const bytes = this.stored;
    let at = this.starts[block]!;
    let seq = this.baseOf(block);
    // Varints read in place (a block's bytes are bounded by the next block's start, checked below: a count takes a byte or more).
    for (let index = 0; index < size; index++) {
      let byte = bytes[at++]!;
      let delta = byte & 0x7f;
      for (let scale = 128; byte >= 0x80; scale *= 128) {
        byte = bytes[at++]!;
        delta += (byte & 0x7f) * scale;
      }
      seqs[index] = seq += delta;
    }
    if (at > this.starts[block + 1]! - size) throw new Error('index data cut short');
    return at;
  }

  /** Decodes a block's counts (FIELDS each) into `counts`, from `from` (where decodeBlockSeqs said they start). */
  decodeBlockCounts(block: number, from: number, counts: Uint8Array): void {
    const size = this.sizeOf(block);
    const bytes = this.stored;
    let at = from;
    for (let index = 0, to = 0; index < size; index++, to += FIELDS) {
      const code = bytes[at++]!;
      if (code === ESCAPE) {
        counts[to] = bytes[at++]!;
        counts[to + 1] = bytes[at++]!;
        counts[to + 2] = bytes[at++]!;
      } else {
        counts[to] = code >> 6;
        counts[to + 1] = (code >> 2) & 15;
        counts[to + 2] = code & 3;
      }
    }
    if (at > this.starts[block + 1]!) throw new Error('index data cut short');
  }

  /** How many of its documents `segmentOf` places in `segment` (the live ones, in a segment some of whose documents moved on). */
  placedIn(segmentOf: Int32Array, segment: number): number {
    const bytes = this.stored;
    let placed = 0;
    for (let block = 0; block < this.blocks; block++) {
      let at = this.starts[block]!;
      let seq = this.baseOf(block);
      for (let index = this.sizeOf(block); index > 0; index--) {
        let byte = bytes[at++]!;
        let delta = byte & 0x7f;
        for (let scale = 128; byte >= 0x80; scale *= 128) {
          byte = bytes[at++]!;
          delta += (byte & 0x7f) * scale;
        }
        seq += delta;
        if (segmentOf[seq] === segment) placed++;
      }
      if (at > this.starts[block + 1]!) throw new Error('index data cut short');
    }
    return placed;
  }

  /** Every seq, in order (no counts). */
  seqs(): Uint32Array {
    const seqs = new Uint32Array(this.documents);
    for (let block = 0, start = 0; block < this.blocks; block++) start += this.decodeBlock(block, seqs.subarray(start), null);
    return seqs;
  }

  /** The first block whose last seq is at least `target`, from `from` on (blocks when none). */
  blockHolding(target: number, from: number): number {
    let low = from;
    let high = this.blocks;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.lastSeqs[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
