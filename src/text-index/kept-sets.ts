// Sets of documents kept between searches, the most recently used first out
// of mind last: a set is read from every segment's postings of a term, and a
// filter's key term (a category, code) or an author's name is asked for again
// and again. A set serves while what it was read from is the same object (the
// reader reads a term's lists again once the index changes, and the set goes
// with them). Callers never change a set they are given.
//
// A set is kept as its seqs while there is room. Once the bytes fill, dense
// sets (a category of half the papers) become a bit per document, the oldest
// first, before any set is let go: 1.9 million papers of 2.7 million take
// 340 KB so, not 7.6 MB, and their seqs come back from the bits in a few
// milliseconds, where reading them from the postings again takes tens. A set
// used again is kept as seqs again (decoding it at every use cost a category
// search a few milliseconds), and the oldest dense sets become bits for it.

/** A set kept under `key`, read from `source`, or else read now (and kept, when it fits in `limitBytes`). */
export type KeptSets = (key: string, source: object, read: () => Int32Array) => Int32Array;

interface Kept {
  source: object;
  /** The seqs, or null when the set is kept as bits. */
  seqs: Int32Array | null;
  bits: DocumentBits | null;
}

export function keptSets(limitBytes: number): KeptSets {
  const sets = new Map<string, Kept>();
  let bytes = 0;

  function keep(key: string, kept: Kept): void {
    sets.set(key, kept);
    bytes += bytesOf(kept);
  }

  function drop(key: string, kept: Kept): void {
    sets.delete(key);
    bytes -= bytesOf(kept);
  }

  /** Dense sets as bits, the oldest first, then the oldest sets out, until the bytes fit. */
  function makeRoom(): void {
    for (const kept of sets.values()) {
      if (bytes <= limitBytes) return;
      if (!kept.seqs || bitsBytes(kept.seqs) >= kept.seqs.byteLength) continue;
      bytes -= kept.seqs.byteLength;
      kept.bits = toBits(kept.seqs);
      kept.seqs = null;
      bytes += kept.bits.words.byteLength;
    }
    for (const [oldest, kept] of sets) {
      if (bytes <= limitBytes) return;
      drop(oldest, kept);
    }
  }

  return (key, source, read) => {
    const found = sets.get(key);
    if (found) {
      drop(key, found);
      if (found.source === source && found.seqs) {
        keep(key, found);
        return found.seqs;
      }
      if (found.source === source) {
        // Used again: its seqs are kept while there is room, as a set just read.
        const seqs = fromBits(found.bits!);
        keep(key, { source, seqs, bits: null });
        makeRoom();
        return seqs;
      }
    }
    const seqs = read();
    if (Math.min(seqs.byteLength, bitsBytes(seqs)) > limitBytes) return seqs;
    keep(key, seqs.byteLength > limitBytes ? { source, seqs: null, bits: toBits(seqs) } : { source, seqs, bits: null });
    makeRoom();
    return seqs;
  };
}

/** A set of documents as a bit per seq (up to its largest), and how many it holds. */
export interface DocumentBits {
  words: Uint32Array;
  count: number;
}

function bytesOf(kept: Kept): number {
  return kept.seqs ? kept.seqs.byteLength : kept.bits!.words.byteLength;
}

/** The bytes of a sorted set's bits. */
function bitsBytes(seqs: Int32Array): number {
  return 4 * Math.ceil(((seqs.at(-1) ?? -1) + 1) / 32);
}

/** A sorted set of seqs as bits. */
export function toBits(seqs: Int32Array): DocumentBits {
  const words = new Uint32Array(bitsBytes(seqs) / 4);
  for (const seq of seqs) words[seq >>> 5]! |= 1 << (seq & 31);
  return { words, count: seqs.length };
}

/** The seqs of a set's bits, in order. */
export function fromBits({ words, count }: DocumentBits): Int32Array {
  const seqs = new Int32Array(count);
  let size = 0;
  for (let word = 0; word < words.length; word++) {
    // The lowest bit set, one at a time: 31 less the leading zeros of the bit alone.
    for (let left = words[word]!; left !== 0; left &= left - 1) seqs[size++] = (word << 5) + 31 - Math.clz32(left & -left);
  }
  return seqs;
}
