// Builds one segment of the index from documents' text: each term's postings,
// encoded and in term order, and each document's length in words. Pure
// computation, so it runs in a worker thread as well as in place.
import { isAscii, splitWords, termOf } from '../domain/terms.ts';
import { AsciiWords } from './ascii-words.ts';
import { FIELDS } from './postings.ts';
import { PostingsEncoder } from './postings-encoding.ts';
import { ByteWriter } from './bytes.ts';
import { impactSource, type ImpactSource } from './impacts.ts';
import type { PendingDocument } from './source.ts';
import { compareCodePoints } from '../domain/code-points.ts';

/** A segment built from the documents waiting: which documents (and versions) it holds, and its data. */
export interface PendingSegment {
  documents: Pick<PendingDocument, 'seq' | 'version' | 'dateKey'>[];
  built: BuiltSegment;
}

export interface BuiltSegment {
  /** Terms in SQLite's order; term i's encoded postings are postings[ends[i - 1] ?? 0 .. ends[i]]. */
  terms: string[];
  postings: Uint8Array;
  ends: Int32Array;
  /** Words in each document, in the order given (0 for a deleted document). */
  lengths: number[];
}

/** `weights`: the source's field weights, which the postings' impacts are computed with. */
export function buildSegment(documents: Pick<PendingDocument, 'seq' | 'fields' | 'keys'>[], weights: readonly number[]): BuiltSegment {
  // About 250 words a document; the lists grow if need be.
  const words = new WordList(documents.length * 256);
  const lengths = documents.map((document) => (document.fields ? words.add(document.seq, document.fields, document.keys ?? []) : 0));
  const lengthBySeq = new Map(documents.map((document, index) => [document.seq, lengths[index]!]));
  return { ...words.encode(impactSource(weights, lengths, (seq) => lengthBySeq.get(seq) ?? 0)), lengths };
}

/** A word's place: seq × SLOTS + its field, or KEY_SLOT for a key (which counts in no field). */
const SLOTS = FIELDS + 1;
const KEY_SLOT = FIELDS;

/** Term i's encoded postings, as a view on the segment's buffer. */
export function postingsAt(built: BuiltSegment, index: number): Buffer {
  const start = index ? built.ends[index - 1]! : 0;
  return Buffer.from(built.postings.buffer, built.postings.byteOffset + start, built.ends[index]! - start);
}

/**
 * Every word of a segment's documents as (term number, seq and field) in flat typed arrays,
 * grouped by term only at the end: far less work and garbage than a list per term.
 */
class WordList {
  /** Each word of non-ASCII text seen and its term's number; a segment's documents share most of their words. */
  private readonly wordIds = new Map<string, number>();
  /** The same for ASCII text, found without making a string of each word (it keeps its own words). */
  private readonly asciiWords = new AsciiWords();
  private readonly newAsciiWord = (word: string) => this.termIdOf(termOf(word));
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private termOfWord: Int32Array;
  /** seq × SLOTS + field (or KEY_SLOT), for each word. */
  private placeOfWord: Uint32Array;
  private size = 0;

  constructor(capacity: number) {
    this.termOfWord = new Int32Array(Math.max(capacity, 1024));
    this.placeOfWord = new Uint32Array(Math.max(capacity, 1024));
  }

  /** Adds a document's fields and keys, in seq order; returns how many words the fields hold. */
  add(seq: number, fields: (string | null)[], keys: readonly string[]): number {
    const before = this.size;
    fields.forEach((text, field) => {
      const place = seq * SLOTS + field;
      if (!text) return;
      if (isAscii(text)) this.asciiWords.forEachWord(text, this.newAsciiWord, (id) => this.push(id, place));
      else for (const word of splitWords(text)) this.push(this.wordIds.get(word) ?? this.newWord(word), place);
    });
    const words = this.size - before;
    for (const key of new Set(keys)) this.push(this.termIdOf(key), seq * SLOTS + KEY_SLOT);
    return words;
  }

  private push(termId: number, place: number): void {
    if (this.size === this.termOfWord.length) this.grow();
    this.termOfWord[this.size] = termId;
    this.placeOfWord[this.size++] = place;
  }

  /** The terms in SQLite's order, each with its postings encoded, all in one buffer. */
  encode(impacts: ImpactSource): { terms: string[]; postings: Uint8Array; ends: Int32Array } {
    const termCount = this.terms.length;
    // Counting sort of the words by term; within a term they stay in seq order.
    const starts = new Int32Array(termCount + 1);
    for (let index = 0; index < this.size; index++) starts[this.termOfWord[index]! + 1]!++;
    for (let term = 0; term < termCount; term++) starts[term + 1]! += starts[term]!;
    const next = starts.slice(0, termCount);
    const places = new Uint32Array(this.size);
    for (let index = 0; index < this.size; index++) places[next[this.termOfWord[index]!]!++] = this.placeOfWord[index]!;
    const order = this.terms.map((_term, id) => id).sort((a, b) => compareCodePoints(this.terms[a]!, this.terms[b]!));
    // One buffer of its own for all the postings (a worker hands it over whole, not as tens of thousands of
    // pieces), written list after list with the same scratch space: most terms have a document or two.
    const out = new ByteWriter(this.size * 2 + termCount * 8);
    const encoder = new PostingsEncoder();
    const group = new SeqGroup();
    const ends = new Int32Array(order.length);
    order.forEach((id, index) => {
      const documents = group.read(places.subarray(starts[id]!, starts[id + 1]!));
      encoder.appendTo(out, group.seqs, group.counts, documents, impacts);
      ends[index] = out.size;
    });
    return { terms: order.map((id) => this.terms[id]!), postings: out.bytes.slice(0, out.size), ends };
  }

  private newWord(word: string): number {
    const id = this.termIdOf(termOf(word));
    this.wordIds.set(word, id);
    return id;
  }

  private termIdOf(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  private grow(): void {
    const terms = new Int32Array(this.termOfWord.length * 2);
    terms.set(this.termOfWord);
    const places = new Uint32Array(this.placeOfWord.length * 2);
    places.set(this.placeOfWord);
    this.termOfWord = terms;
    this.placeOfWord = places;
  }
}

/** One term's documents and counts per field, read from its words' places, into arrays used again for the next term. */
class SeqGroup {
  seqs = new Uint32Array(1024);
  counts = new Uint8Array(1024 * FIELDS);

  /** Reads the places of a term's words (seq × SLOTS + field, in seq order; a key counts nowhere); returns how many documents. */
  read(places: Uint32Array): number {
    if (places.length > this.seqs.length) {
      this.seqs = new Uint32Array(places.length);
      this.counts = new Uint8Array(places.length * FIELDS);
    } else this.counts.fill(0, 0, places.length * FIELDS);
    const { seqs, counts } = this;
    let documents = 0;
    for (const place of places) {
      const seq = Math.floor(place / SLOTS);
      if (documents === 0 || seqs[documents - 1] !== seq) seqs[documents++] = seq;
      const field = place - seq * SLOTS;
      const at = (documents - 1) * FIELDS + field;
      if (field !== KEY_SLOT && counts[at]! < 255) counts[at]!++;
    }
    return documents;
  }
}
