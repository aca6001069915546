// Abstracts as SQLite files store them: deflated with a preset dictionary of
// the words arXiv abstracts use most (abstract-dictionary.txt, built by
// scripts/build-abstract-dictionary.ts), under a format byte; short ones, and
// any that would not shrink, stay text. Statements read them through the SQL
// function paper_abstract(), which each SQLite connection registers and
// PostgreSQL (which stores text, compressed by TOAST) defines as the identity.
import { readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type BetterSqlite3 from 'better-sqlite3';

const DICTIONARY = readFileSync(new URL('./abstract-dictionary.txt', import.meta.url));
/** The first byte of a packed abstract: raw deflate with DICTIONARY follows. */
const DEFLATED = 1;
/** Shorter abstracts stay text: deflate's own bytes would eat what it saves. */
const SHORTEST_PACKED = 64;
/**
 * zlib's level: 3 packs an abstract of 1.3 KB in 41 us against 50 at its default 6, into 534 bytes
 * against 520 (packing is a third of a file reader's time).
 */
const LEVEL = 3;
/** What a packed abstract may grow back to: the largest line a snapshot may hold. */
const LARGEST_UNPACKED = 64 * 2 ** 20;

/** The SQL that reads a stored abstract as text (`column` is trusted SQL: "abstract", "p.abstract"). */
export function abstractText(column = 'abstract'): string {
  return `paper_abstract(${column})`;
}

/** The abstract as SQLite stores it. */
export function packAbstract(text: string): string | Buffer {
  if (text.length < SHORTEST_PACKED) return text;
  const plain = Buffer.from(text, 'utf8');
  const deflated = deflateRawSync(plain, { dictionary: DICTIONARY, level: LEVEL });
  if (deflated.length + 1 >= plain.length) return text;
  const packed = Buffer.allocUnsafe(deflated.length + 1);
  packed[0] = DEFLATED;
  packed.set(deflated, 1);
  return packed;
}

/** A stored abstract as text, packed or not. */
export function unpackAbstract(stored: string | Uint8Array): string {
  if (typeof stored === 'string') return stored;
  if (stored[0] !== DEFLATED) throw new Error(`an abstract packed in an unknown format (${stored[0]})`);
  return inflateRawSync(stored.subarray(1), { dictionary: DICTIONARY, maxOutputLength: LARGEST_UNPACKED }).toString('utf8');
}

/**
 * Gives a SQLite connection pack_abstract() and paper_abstract(); as with SQL's own functions, NULL gives NULL.
 * pack_abstract() keeps bytes as they are: an abstract packed before it came (by a file's reader thread).
 */
export function registerAbstractFunctions(db: BetterSqlite3.Database): void {
  db.function('paper_abstract', { deterministic: true }, (stored) =>
    stored === null ? null : unpackAbstract(stored as string | Uint8Array),
  );
  db.function('pack_abstract', { deterministic: true }, (text) => (typeof text === 'string' ? packAbstract(text) : text));
}
