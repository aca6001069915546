// Sets of documents kept between searches, the most recently used first out
// of mind last: a set is read from every segment's postings of a term, and a
// filter's key term (a category, code) or an author's name is asked for again
// and again. A set serves while what it was read from is the same object (the
// reader reads a term's lists again once the index changes, and the set goes
// with them). Callers never change a set they are given.

/** A set kept under `key`, read from `source`, or else read now (and kept, when it fits in `limitBytes`). */
export type KeptSets = (key: string, source: object, read: () => Int32Array) => Int32Array;

export function keptSets(limitBytes: number): KeptSets {
  const sets = new Map<string, { source: object; seqs: Int32Array }>();
  let bytes = 0;
  return (key, source, read) => {
    const found = sets.get(key);
    if (found) {
      sets.delete(key);
      bytes -= found.seqs.byteLength;
      if (found.source === source) {
        sets.set(key, found);
        bytes += found.seqs.byteLength;
        return found.seqs;
      }
    }
    const seqs = read();
    if (seqs.byteLength > limitBytes) return seqs;
    sets.set(key, { source, seqs });
    bytes += seqs.byteLength;
    for (const [oldest, evicted] of sets) {
      if (bytes <= limitBytes) break;
      sets.delete(oldest);
      bytes -= evicted.seqs.byteLength;
    }
    return seqs;
  };
}
