// One term's postings in one segment, as stored, compressed: documents in seq
// order, in blocks of BLOCK. The layout (every number a varint, LEB128):
//   FORMAT, documents, blocks,
//   per block: its last seq less the previous block's last seq, its length in
//   bytes, and the most the term occurs in each of the FIELDS fields among its
//   documents (a byte each, for skipping blocks that cannot rank);
//   then the blocks: each document's seq less the one before it, then one byte
//   per document for its counts in the fields (COUNT_CODE), or ESCAPE and a
//   byte per field.
// Counts are capped at 255, as before compression; a stored seq is never
// larger than 2^32 - 1.
import { ByteReader, ByteWriter } from './bytes.ts';

export const FIELDS = 3;
/** Documents per block. */
export const BLOCK = 128;
/** The first byte of a list in this layout (the uncompressed layout had none). */
const FORMAT = 2;
const ESCAPE = 0xff;
const CAP = 255;

export interface Postings {
  seqs: Uint32Array;
  /** FIELDS counts per document, in the order of seqs. */
  counts: Uint8Array;
}

export interface DecodedPostings extends Postings {
  /** The most any document holds the term in each field. */
  maxima: Uint8Array;
}

/**
 * Counts of the three fields in one byte when they are small, as they nearly always are
 * (a title says a word 0 to 2 times, an abstract up to 15, the authors up to 3).
 */
function countCode(title: number, abstract: number, authors: number): number {
  return title <= 2 && abstract <= 15 && authors <= 3 ? (title << 6) | (abstract << 2) | authors : ESCAPE;
}

/** Encodes `documents` postings: seqs in increasing order, FIELDS counts each. */
export function encodePostings(seqs: ArrayLike<number>, counts: ArrayLike<number>, documents = seqs.length): Buffer {
  const blocks = Math.ceil(documents / BLOCK);
  const header = new ByteWriter(8 + blocks * 8);
  const body = new ByteWriter(documents * 3);
  header.byte(FORMAT);
  header.varint(documents);
  header.varint(blocks);
  let previous = 0;
  for (let block = 0; block < blocks; block++) {
    const start = block * BLOCK;
    const end = Math.min(start + BLOCK, documents);
    const before = body.size;
    const maxima = [0, 0, 0];
    let last = previous;
    for (let index = start; index < end; index++) {
      const seq = seqs[index]!;
      if (seq < last || (seq === last && index > 0)) throw new Error('postings must be in increasing seq order');
      body.varint(seq - last);
      last = seq;
    }
    for (let index = start; index < end; index++) {
      const title = Math.min(counts[index * FIELDS]!, CAP);
      const abstract = Math.min(counts[index * FIELDS + 1]!, CAP);
      const authors = Math.min(counts[index * FIELDS + 2]!, CAP);
      maxima[0] = Math.max(maxima[0]!, title);
      maxima[1] = Math.max(maxima[1]!, abstract);
      maxima[2] = Math.max(maxima[2]!, authors);
      const code = countCode(title, abstract, authors);
      body.byte(code);
      if (code === ESCAPE) [title, abstract, authors].forEach((count) => body.byte(count));
    }
    header.varint(last - previous);
    header.varint(body.size - before);
    maxima.forEach((maximum) => header.byte(maximum));
    previous = last;
  }
  header.append(body);
  return Buffer.from(header.bytes.buffer, header.bytes.byteOffset, header.size);
}

/** How many documents the stored list holds, from its header alone. */
export function postingsDocuments(stored: Uint8Array): number {
  const reader = new ByteReader(stored);
  if (reader.byte() !== FORMAT) throw new Error('postings in an unknown layout');
  return reader.varint();
}

/** The whole list, decoded. */
export function decodePostings(stored: Uint8Array): DecodedPostings {
  const reader = new ByteReader(stored);
  if (reader.byte() !== FORMAT) throw new Error('postings in an unknown layout');
  const documents = reader.varint();
  const blocks = reader.varint();
  const maxima = new Uint8Array(FIELDS);
  for (let block = 0; block < blocks; block++) {
    reader.varint();
    reader.varint();
    for (let field = 0; field < FIELDS; field++) maxima[field] = Math.max(maxima[field]!, reader.byte());
  }
  const seqs = new Uint32Array(documents);
  const counts = new Uint8Array(documents * FIELDS);
  let seq = 0;
  for (let block = 0; block < blocks; block++) {
    const start = block * BLOCK;
    const end = Math.min(start + BLOCK, documents);
    for (let index = start; index < end; index++) seqs[index] = seq += reader.varint();
    for (let index = start; index < end; index++) {
      const code = reader.byte();
      const at = index * FIELDS;
      if (code === ESCAPE) {
        counts[at] = reader.byte();
        counts[at + 1] = reader.byte();
        counts[at + 2] = reader.byte();
      } else {
        counts[at] = code >> 6;
        counts[at + 1] = (code >> 2) & 15;
        counts[at + 2] = code & 3;
      }
    }
  }
  return { seqs, counts, maxima };
}
