// One term's postings in one segment, as stored: the number of papers, their
// seqs (uint32), then how often the term occurs in each paper's title,
// abstract and authors (uint8 each, capped at 255).
export const FIELDS = 3;

export interface Postings {
  seqs: Uint32Array;
  /** FIELDS counts per paper, in the order of seqs. */
  counts: Uint8Array;
}

export function encodePostings(seqs: number[], counts: number[]): Buffer {
  const buffer = Buffer.alloc(4 + seqs.length * (4 + FIELDS));
  buffer.writeUInt32LE(seqs.length, 0);
  new Uint32Array(buffer.buffer, buffer.byteOffset + 4, seqs.length).set(seqs);
  const countsAt = 4 + seqs.length * 4;
  counts.forEach((count, index) => (buffer[countsAt + index] = Math.min(count, 255)));
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
