// The small terms of a segment, many to a row: most terms of a segment (a rare
// word, an author's name key) have a few bytes of postings, and a row each cost
// more to write, to merge and to keep than those bytes. A pack holds terms in
// order, each written as the bytes it shares with the term before and the rest
// of its bytes (front coding: name keys share their surname), then its postings.
// Layout (numbers as varints): FORMAT, the number of terms, then per term:
// bytes shared, the rest's length, the rest, the postings' length, the postings.
import { ByteReader, ByteWriter } from './bytes.ts';
import type { TermRow } from './index-tables.ts';

const FORMAT = 1;
/** Room for FORMAT and the count in front of the terms. */
const HEADER_ROOM = 6;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A pack as stored: its first term (the row's key) and its bytes. */
export interface StoredPack {
  first: string;
  terms: Buffer;
}

/** How many first bytes the first `aLength` of `a` and the first `bLength` of `b` share. */
function sharedLength(a: Uint8Array, aLength: number, b: Uint8Array, bLength: number): number {
  const most = Math.min(aLength, bLength);
  let shared = 0;
  while (shared < most && a[shared] === b[shared]) shared++;
  return shared;
}

/** Bytes an entry takes at most: its term and postings with their three lengths. */
function entryRoom(termBytes: number, postingsBytes: number): number {
  return termBytes + postingsBytes + 15;
}

/** Packs terms given in order, each small enough (`isSmall`), into packs of at most `capacity` bytes. */
export class TermPacker {
  private readonly body: ByteWriter;
  /** The last term's bytes and the next one's, swapped at each term (terms are short: no array is made for each). */
  private previous = new Uint8Array(64);
  private previousLength = 0;
  private current = new Uint8Array(64);
  private first: string | null = null;
  private count = 0;

  constructor(private readonly capacity: number) {
    this.body = new ByteWriter(capacity);
  }

  /** Whether a term's entry is small enough to be packed: an eighth of a pack at most. */
  isSmall(term: string, postings: Uint8Array): boolean {
    return entryRoom(term.length * 3, postings.length) <= this.capacity / 8;
  }

  /** Adds a small term after the last one; returns the pack it closed, if it did not fit in the open one. */
  add(term: string, postings: Uint8Array): StoredPack | null {
    if (this.current.length < term.length * 3) this.current = new Uint8Array(term.length * 3);
    const length = encoder.encodeInto(term, this.current).written;
    const closed = this.body.size + HEADER_ROOM + entryRoom(length, postings.length) > this.capacity ? this.close() : null;
    const shared = sharedLength(this.previous, this.previousLength, this.current, length);
    this.body.varint(shared);
    this.body.varint(length - shared);
    this.body.rawRange(this.current, shared, length);
    this.body.varint(postings.length);
    this.body.raw(postings);
    const previous = this.previous;
    this.previous = this.current;
    this.current = previous;
    this.previousLength = length;
    this.first ??= term;
    this.count++;
    return closed;
  }

  /** The open pack, closed (null if it holds no term). */
  close(): StoredPack | null {
    if (this.first === null) return null;
    const packed = new ByteWriter(this.body.size + HEADER_ROOM);
    packed.byte(FORMAT);
    packed.varint(this.count);
    packed.append(this.body);
    const pack = { first: this.first, terms: Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.size) };
    this.body.size = 0;
    this.previousLength = 0;
    this.first = null;
    this.count = 0;
    return pack;
  }
}

/** Calls `visit` with each term's bytes (a view, valid during the call) and postings, in order, until it returns true. */
function eachEntry(stored: Uint8Array, visit: (term: Uint8Array, postings: Uint8Array) => boolean | void): void {
  const reader = new ByteReader(stored);
  if (reader.byte() !== FORMAT) throw new Error('a pack of terms in an unknown layout');
  const count = reader.varint();
  let term = new Uint8Array(64);
  let length = 0;
  for (let index = 0; index < count; index++) {
    const shared = reader.varint();
    if (shared > length) throw new Error('a pack of terms sharing more than its previous term holds');
    const rest = reader.varint();
    if (shared + rest > term.length) {
      const larger = new Uint8Array(shared + rest);
      larger.set(term.subarray(0, shared));
      term = larger;
    }
    reader.copyInto(rest, term, shared);
    length = shared + rest;
    if (visit(term.subarray(0, length), reader.raw(reader.varint()))) return;
  }
}

/** The bytes as a Buffer sharing their memory. */
function viewOf(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Every term of a pack with its postings (views on the pack), in order. */
export function unpackTerms(stored: Uint8Array): TermRow[] {
  const rows: TermRow[] = [];
  eachEntry(stored, (term, postings) => void rows.push({ term: decoder.decode(term), postings: viewOf(postings) }));
  return rows;
}

/** The term's postings in the pack (a view on it), or null when it holds no such term. */
export function postingsInPack(stored: Uint8Array, term: string): Buffer | null {
  const sought = encoder.encode(term);
  let found: Buffer | null = null;
  eachEntry(stored, (candidate, postings) => {
    const order = Buffer.compare(candidate, sought);
    if (order === 0) found = viewOf(postings);
    return order >= 0;
  });
  return found;
}
