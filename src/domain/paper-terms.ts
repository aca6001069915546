// The terms a paper is compared by when recommending: the index terms of its
// title and abstract (stems, less stop words, numbers and short words) and
// each pair of neighbouring terms, the title counting twice. Authors are
// never terms: a reader's papers would find their co-authors, not their topics.
// Terms are hashed into a fixed number of buckets (the hashing trick): no
// vocabulary to keep, and a pair of terms costs no string.
import { STOPWORDS } from './stopwords.ts';
import { termsOf } from './terms.ts';

/** Buckets terms are hashed into: few enough to count in typed arrays, enough that few terms share one. */
export const TERM_BUCKETS = 1 << 22;

/** A paper's term buckets, ascending, with how often each occurs. */
export interface TermCounts {
  terms: Int32Array;
  counts: Float32Array;
}

/** Characters of each field read: enough for any real abstract, a bound on a hostile one. */
const FIELD_LIMIT = 20_000;
const TITLE_WEIGHT = 2;
const NUMBER = /^\d+$/;
const HASH_CACHE_LIMIT = 200_000;
/** Hash of each stem seen, or -1 for a stem that is not a term. */
const hashes = new Map<string, number>();

export function paperTerms(title: string, abstract: string): TermCounts {
  const buckets: number[] = [];
  for (let copy = 0; copy < TITLE_WEIGHT; copy++) addField(buckets, title);
  addField(buckets, abstract);
  const sorted = Int32Array.from(buckets).sort();
  const terms: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1]!++;
    else {
      terms.push(sorted[i]!);
      counts.push(1);
    }
  }
  return { terms: Int32Array.from(terms), counts: Float32Array.from(counts) };
}

function addField(buckets: number[], text: string): void {
  let previous = -1;
  for (const stem of termsOf(text.slice(0, FIELD_LIMIT))) {
    const hash = hashOf(stem);
    if (hash < 0) continue;
    buckets.push(hash % TERM_BUCKETS);
    if (previous >= 0) buckets.push(mix(Math.imul(previous, 0x9e3779b1) ^ hash) % TERM_BUCKETS);
    previous = hash;
  }
}

function hashOf(stem: string): number {
  let hash = hashes.get(stem);
  if (hash !== undefined) return hash;
  hash = stem.length > 2 && !STOPWORDS.has(stem) && !NUMBER.test(stem) ? fnv1a(stem) : -1;
  if (hashes.size >= HASH_CACHE_LIMIT) hashes.clear();
  hashes.set(stem, hash);
  return hash;
}

/** FNV-1a over UTF-16 code units, finished with a mix: a non-negative 31-bit number. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return mix(hash);
}

function mix(value: number): number {
  let hash = value;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 1;
}
