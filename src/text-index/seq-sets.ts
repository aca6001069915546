// Sets of documents as search combines them: seqs in increasing order, and a
// byte per seq for testing many at once.

/** Both sorted lists' common values. */
export function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let size = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out[size++] = a[i]!;
      i++;
      j++;
    }
  }
  return out.subarray(0, size);
}

/** A byte per seq up to the largest given: 1 for the given ones. */
export function membership(seqs: ArrayLike<number>): Uint8Array {
  let largest = 0;
  for (let index = 0; index < seqs.length; index++) largest = Math.max(largest, seqs[index]!);
  const member = new Uint8Array(largest + 1);
  for (let index = 0; index < seqs.length; index++) member[seqs[index]!] = 1;
  return member;
}

/** Documents that may not rank: those in `seqs`, and those whose byte in `marked` (by seq) is 1. */
export interface Refused {
  seqs: ReadonlySet<number>;
  marked: Uint8Array | null;
}

export function isRefused(refused: Refused, seq: number): boolean {
  return refused.marked?.[seq] === 1 || refused.seqs.has(seq);
}

/** Sorted lists merged into one sorted list, two at a time (faster than sorting them together). */
export function mergeSorted(lists: Int32Array[]): Int32Array {
  let runs = lists;
  while (runs.length > 1) {
    const merged: Int32Array[] = [];
    for (let at = 0; at < runs.length; at += 2) merged.push(at + 1 < runs.length ? mergeTwo(runs[at]!, runs[at + 1]!) : runs[at]!);
    runs = merged;
  }
  return runs[0] ?? new Int32Array(0);
}

/** A sorted list without its repeats (in place). */
export function distinct(sorted: Int32Array): Int32Array {
  let size = 0;
  for (let index = 0; index < sorted.length; index++) if (!size || sorted[index] !== sorted[size - 1]) sorted[size++] = sorted[index]!;
  return sorted.subarray(0, size);
}

/**
 * Walks a sorted list forwards: each call gives its least value at least `target` (Infinity past
 * its end), targets never decreasing; found by galloping from the last answer.
 */
export function forwardSearch(sorted: Int32Array): (target: number) => number {
  let at = 0;
  return (target) => {
    if (at >= sorted.length || sorted[at]! >= target) return sorted[at] ?? Infinity;
    // sorted[low] < target, and sorted[high] >= target unless high is past the end.
    let low = at;
    let high = at + 1;
    for (let step = 1; high < sorted.length && sorted[high]! < target; step *= 2) {
      low = high;
      high = Math.min(low + 2 * step, sorted.length);
    }
    while (low + 1 < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]! < target) low = middle;
      else high = middle;
    }
    at = high;
    return sorted[at] ?? Infinity;
  };
}

function mergeTwo(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let size = 0;
  while (i < a.length && j < b.length) out[size++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  out.set(a.subarray(i), size);
  out.set(b.subarray(j), size + a.length - i);
  return out;
}
