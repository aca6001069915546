// Which documents hold a query's words and phrases, from the index alone, so
// that search needs no second full-text index on either store. A term's
// documents come from its postings; a phrase of several words is checked in
// the documents' own text (read as the index splits it into terms), a batch of
// documents at a time, as positions in an index would tell.
import { holdsInARow } from '../domain/terms.ts';
import type { TermPostings } from './bm25.ts';
import type { IndexReader } from './reader.ts';
import { fromBits, keptSets } from './kept-sets.ts';
import { inList, type Sql } from './sql.ts';
import { fieldSql, type TextSource } from './source.ts';
import { distinct, intersect, mergeSorted } from './seq-sets.ts';
import { BLOCK, FIELDS } from './postings.ts';

/** Memory for the sets of documents holding a term, kept between searches. */
const KEPT_SETS_BYTES = 64 * 1024 * 1024;
/** A term held by more than one document in this many (up to its largest) is gathered as bits: merging its segments' cost more. */
const DENSE_SHARE = 64;

/** Terms that must stand in a row (one term: anywhere), in one field or in any. */
export interface Phrase {
  terms: string[];
  field: number | null;
}

export interface MatcherDeps {
  sql: Sql;
  source: TextSource;
  reader: IndexReader;
  lookUp(terms: string[]): Promise<TermPostings[]>;
}

export function createMatcher({ sql, source, reader, lookUp }: MatcherDeps) {
  /** Reads the fields the phrases ask about (all, when one may be in any), by field number: `field0`, `field1`… */
  function textsSql(phrases: readonly Phrase[]): string {
    const all = source.fields.map((_name, index) => index);
    const wanted = phrases.some((phrase) => phrase.field === null)
      ? all
      : all.filter((index) => phrases.some((phrase) => phrase.field === index));
    return `SELECT d.${source.key} AS seq, ${wanted.map((index) => `${fieldSql(source, index, 'd')} AS field${index}`).join(', ')}
      FROM ${source.table} d WHERE d.${source.key} ${inList(sql, '?')}`;
  }

  const kept = keptSets(KEPT_SETS_BYTES);

  /** The documents holding `term` now (in `field` when given), in seq order; kept while the reader keeps the term's lists. */
  function documentsOf(term: TermPostings, field: number | null): Int32Array {
    return kept(`${field ?? ''}:${term.term}`, term.lists, () => readDocumentsOf(term, field));
  }

  function readDocumentsOf(term: TermPostings, field: number | null): Int32Array {
    const { segmentOf } = reader.placements();
    const seqs = new Uint32Array(BLOCK);
    const counts = field === null ? null : new Uint8Array(BLOCK * FIELDS);
    const largest = Math.max(-1, ...term.lists.map(({ list }) => (list.blocks ? list.lastSeqs[list.blocks - 1]! : -1)));
    const postings = term.lists.reduce((sum, { list }) => sum + list.documents, 0);
    // Many documents (a category's) are gathered as bits, taken in order at the end; few, merged from each segment's.
    const bits = postings * DENSE_SHARE > largest ? new Uint32Array((largest >>> 5) + 1) : null;
    let held = 0;
    const bySegment = term.lists.map((segmentPostings) => {
      const { list, segment, clean } = segmentPostings;
      const found = bits ? null : new Int32Array(list.documents);
      let size = 0;
      for (let block = 0; block < list.blocks; block++) {
        const documents = list.decodeBlock(block, seqs, counts);
        for (let index = 0; index < documents; index++) {
          const seq = seqs[index]!;
          if ((clean || segmentOf[seq] === segment) && (!counts || counts[index * FIELDS + field!]! > 0)) {
            if (bits) held += addBit(bits, seq);
            else found![size] = seq;
            size++;
          }
        }
      }
      // Its live documents counted, as bm25.ts would count them by decoding the list again.
      if (!counts) segmentPostings.live ??= size;
      return found?.subarray(0, size);
    });
    // Each segment's documents are in order, and a document is placed in one segment only.
    return bits ? fromBits({ words: bits, count: held }) : mergeSorted(bySegment as Int32Array[]);
  }

  /** The documents holding every term of every phrase (in its field), in seq order; null when there is no phrase. */
  async function holdingAll(phrases: readonly Phrase[]): Promise<Int32Array | null> {
    let result: Int32Array | null = null;
    for (const phrase of phrases) {
      const postings = await lookUp(phrase.terms);
      for (const term of postings.sort((a, b) => a.frequency - b.frequency)) {
        const documents = documentsOf(term, phrase.field);
        result = result ? intersect(result, documents) : documents;
        if (!result.length) return result;
      }
    }
    return result;
  }

  /** The documents holding any of the terms, in seq order. */
  async function holdingAny(terms: readonly string[]): Promise<Int32Array> {
    const sets = (await lookUp([...terms])).map((term) => documentsOf(term, null));
    // One term's documents are distinct already, and kept: never changed in place.
    return sets.length === 1 ? sets[0]! : distinct(mergeSorted(sets));
  }

  /**
   * Of the given documents, those whose text holds each of `required` in a row (in its field) and
   * none of `excluded`. Reads their text: call it on a page's worth of candidates, not on all.
   */
  async function inTheirText(seqs: readonly number[], required: readonly Phrase[], excluded: readonly Phrase[]): Promise<Set<number>> {
    if (!seqs.length) return new Set();
    const rows = await sql.all<Record<string, string | null> & { seq: number }>(textsSql([...required, ...excluded]), [seqs]);
    const passing = new Set<number>();
    for (const row of rows) {
      // Only the fields a phrase asks about are read: an author's name needs the authors, not the abstract.
      const field = (index: number) => row[`field${index}`] ?? '';
      const holds = (phrase: Phrase) =>
        phrase.field === null
          ? source.fields.some((_name, index) => holdsInARow(field(index), phrase.terms))
          : holdsInARow(field(phrase.field), phrase.terms);
      if (required.every(holds) && !excluded.some(holds)) passing.add(row.seq);
    }
    return passing;
  }

  return { holdingAll, holdingAny, inTheirText };
}

export type Matcher = ReturnType<typeof createMatcher>;

/** Sets a document's bit: 1 when it was not set. */
function addBit(bits: Uint32Array, seq: number): number {
  const word = bits[seq >>> 5]!;
  const bit = 1 << (seq & 31);
  bits[seq >>> 5] = word | bit;
  return (word & bit) === 0 ? 1 : 0;
}
