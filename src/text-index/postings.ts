// One term's postings in one segment, as stored: the number of documents,
// their seqs (uint32), then how often the term occurs in each of a document's
// FIELDS fields (uint8 each, capped at 255).
export const FIELDS = 3;

export interface Postings {
  seqs: Uint32Array;
  /** FIELDS counts per document, in the order of seqs. */
  counts: Uint8Array;
}

/** Bytes taken by the postings of this many documents. */
export function postingsSize(documents: number): number {
  return 4 + documents * (4 + FIELDS);
}

/** Writes postings at `at` in `target` (postingsSize(documents) bytes): the seqs, then FIELDS counts each. */
export function writePostings(target: Buffer, at: number, documents: number, seqs: ArrayLike<number>, counts: ArrayLike<number>): void {
  target.writeUInt32LE(documents, at);
  for (let index = 0; index < documents; index++) target.writeUInt32LE(seqs[index]!, at + 4 + index * 4);
  const countsAt = at + 4 + documents * 4;
  for (let index = 0; index < documents * FIELDS; index++) target[countsAt + index] = Math.min(counts[index]!, 255);
}

export function encodePostings(seqs: number[], counts: number[]): Buffer {
  const buffer = Buffer.alloc(postingsSize(seqs.length));
  writePostings(buffer, 0, seqs.length, seqs, counts);
  return buffer;
}

export function decodePostings(stored: Buffer): Postings {
  // Typed views need 4-byte alignment; a pooled Buffer may not have it.
  const buffer = stored.byteOffset % 4 === 0 ? stored : alignedCopy(stored);
  const size = buffer.readUInt32LE(0);
  return {
    seqs: new Uint32Array(buffer.buffer, buffer.byteOffset + 4, size),
    counts: new Uint8Array(buffer.buffer, buffer.byteOffset + 4 + size * 4, size * FIELDS),
  };
}

function alignedCopy(stored: Buffer): Buffer {
  const copy = Buffer.alloc(stored.length);
  stored.copy(copy);
  return copy;
}
