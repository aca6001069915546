// Writes papers: one upsert per record, merging with what is stored, plus
// provenance and signals, inside a transaction (a batch of records). What an
// unchanged record needs (the stored content hash and provenance) is read
// ahead for the whole batch at once, so that importing the same file again
// reads two statements a batch and writes nothing. Papers
// written join the ranking index in segments, built alongside once enough
// wait, and at the latest when the caller says its run is over (indexPending):
// the papers a transaction added are queued for it at its end (triggers queue
// those changed), and offered to it as written, to be indexed without reading
// them back (text-index/offered-documents.ts).
import { unpackAbstract } from './abstract-packing.ts';
import { bySql, inList, insertRows, type Sql } from './sql.ts';
import { WRITERS_LOCK } from '../text-index/index-tables.ts';
import { classifyDatabaseError, classifyingErrors } from './storage-errors.ts';
import { createHarvestStateStore, type HarvestStateStore } from './harvest-state.ts';
import type { Paper } from '../domain/paper.ts';
import { linksFromStore, storedLinks, type PaperLink } from '../domain/links.ts';
import { hashPaper, mergePaper, toStored, type StoredPaper } from '../domain/merge.ts';
import { createIndexWriter } from '../text-index/writer.ts';
import { createIndexer } from '../text-index/indexer.ts';
import { newestKey, queueAdded, type StoredText } from '../text-index/source.ts';
import { PAPER_TEXT } from './paper-text.ts';

export type UpsertResult = 'added' | 'updated' | 'unchanged';

/** Writes inside one transaction. */
export interface PaperTransaction {
  /**
   * Refusals of this record's content throw RecordRefused; failures of the database, StorageFailure.
   * `known`: the paper's content hash when the caller has it already, and the record's hash to keep.
   */
  upsertPaper(paper: Paper, now: string, known?: KnownRecord): Promise<UpsertResult>;
  /**
   * Reads what is stored of these ids at once (two statements, not two per paper): content hashes
   * and provenance, which is all an unchanged paper needs; each is used once, by the next write of its id.
   */
  readAhead(ids: readonly string[]): Promise<void>;
  /** `work` in a savepoint: rolled back alone when it throws. */
  savepoint<T>(work: (tx: PaperTransaction) => Promise<T>): Promise<T>;
  /** Where a harvest stands, saved with the page it wrote. */
  harvestStates: HarvestStateStore;
}

/**
 * What the caller knows of a record: its paper's content hash (hashPaper of toStored), a hash of the record as
 * read, and (where the store packs abstracts) its stored abstract packed already, used when the paper is new.
 */
export interface KnownRecord {
  hash?: string;
  record?: string;
  packedAbstract?: string | Uint8Array;
}

/** A record as read, before it is made a paper: whose, from where, and its hash. */
export interface RecordKey {
  id: string;
  source: string;
  record: string;
}

export interface PaperStore {
  /** Whether abstracts are stored packed (db/abstract-packing.ts): a file's reader thread packs them then, off the writer's. */
  packsAbstracts: boolean;
  /** Which of these records each source last delivered as they are now (their hashes equal). */
  knownRecords(keys: readonly RecordKey[]): Promise<boolean[]>;
  /** Whether no paper is stored. */
  isEmpty(): Promise<boolean>;
  /**
   * Runs `work` as one write transaction, waiting its turn behind other writers; a failure of the
   * database is a StorageFailure.
   */
  transaction<T>(work: (tx: PaperTransaction) => Promise<T>): Promise<T>;
  /** Adds every paper waiting for the ranking index to it; returns how many. */
  indexPending(): Promise<number>;
}

/** Where a stored paper came from, by source. */
interface ProvenanceRow {
  source: string;
  source_id: string;
  version: number | null;
  record_hash: string | null;
}

/** What an import needs to know of a stored paper to tell whether a record changes it. */
interface StoredState {
  hash: string;
  sources: Map<string, ProvenanceRow>;
}

interface PaperRow {
  id: string;
  version: number | null;
  title: string;
  abstract: string | Uint8Array;
  authors: string;
  links: string;
  primary_category: string | null;
  published_at: string | null;
  updated_at: string | null;
  doi: string | null;
  journal_ref: string | null;
  comments: string | null;
  license: string | null;
  metadata_source: StoredPaper['metadataSource'];
  content_hash: string;
}

export function createPaperStore(sql: Sql): PaperStore {
  const packsAbstracts = sql.dialect === 'sqlite';
  const indexWriter = createIndexWriter(sql, PAPER_TEXT);
  const textIndex = createIndexer(indexWriter);

  /** Writes through `tx`, the batch's transaction; `readAhead` holds what was read of papers before (undefined: not stored). */
  function writerOn(tx: Sql, readAhead = new Map<string, StoredState | undefined>()): PaperTransaction {
    async function storedState(id: string): Promise<StoredState | undefined> {
      if (readAhead.has(id)) {
        const state = readAhead.get(id);
        readAhead.delete(id);
        return state;
      }
      await readStatesAhead([id]);
      return storedState(id);
    }

    async function readStatesAhead(ids: readonly string[]): Promise<void> {
      const [hashes, provenance] = await Promise.all([
        tx.all<{ id: string; content_hash: string }>(SQL.selectHashes(tx), [ids]),
        tx.all<ProvenanceRow & { paper_id: string }>(SQL.selectProvenance(tx), [ids]),
      ]);
      for (const id of ids) readAhead.set(id, undefined);
      for (const row of hashes) readAhead.set(row.id, { hash: row.content_hash, sources: new Map() });
      for (const { paper_id: id, ...row } of provenance) readAhead.get(id)?.sources.set(row.source, row);
    }

    async function writeCategories(paper: StoredPaper): Promise<void> {
      await insertRows(
        tx,
        SQL.insertCategories,
        3,
        paper.categories.map((category, position) => [paper.id, position, category]),
      );
    }

    async function readStored(row: PaperRow): Promise<StoredPaper> {
      return {
        id: row.id,
        version: row.version,
        title: row.title,
        abstract: unpackAbstract(row.abstract),
        authors: JSON.parse(row.authors) as string[],
        primaryCategory: row.primary_category,
        categories: await tx.column<string>(SQL.selectCategories, [row.id]),
        publishedAt: row.published_at,
        updatedAt: row.updated_at,
        doi: row.doi,
        journalRef: row.journal_ref,
        comments: row.comments,
        license: row.license,
        links: linksFromStore(row.id, JSON.parse(row.links) as PaperLink[]),
        metadataSource: row.metadata_source,
      };
    }

    /**
     * Writes where the paper came from (unless stored as it is) with the record's hash, and its signals; returns
     * whether anything changed (a record that differs in what is not stored changes nothing).
     */
    async function writeProvenance(paper: Paper, now: string, stored?: ProvenanceRow, record?: string): Promise<boolean> {
      let changed = false;
      const provenance = { paper_id: paper.id, source: paper.source, source_id: paper.sourceId, version: paper.version, now };
      if (stored?.source_id !== paper.sourceId || stored.version !== paper.version)
        changed = (await tx.run(SQL.upsertSource, { ...provenance, record_hash: record ?? null })) > 0;
      else if (record && stored.record_hash !== record) await tx.run(SQL.setRecordHash, [record, paper.id, paper.source]);
      for (const signal of paper.signals) {
        changed = (await tx.run(SQL.insertSignal, [paper.id, paper.source, signal.name, signal.observedAt, signal.value])) > 0 || changed;
      }
      return changed;
    }

    async function writePaper(paper: Paper, now: string, { hash, record, packedAbstract }: KnownRecord = {}): Promise<UpsertResult> {
      const state = await storedState(paper.id);
      if (!state) {
        const stored = toStored(paper);
        const params = paperParams(stored, hash ?? hashPaper(stored), now);
        const written = packsAbstracts && packedAbstract ? { ...params, abstract: asBytes(packedAbstract) } : params;
        const seq = await tx.value<number>(SQL.insertPaper, written);
        await writeCategories(stored);
        indexWriter.offer(seq!, params.content_hash, paperText(params, stored.categories));
        await writeProvenance(paper, now, undefined, record);
        return 'added';
      }
      let changed = false;
      if ((hash ?? hashPaper(toStored(paper))) !== state.hash) {
        const merged = mergePaper(await readStored((await tx.get<PaperRow>(SQL.selectPaper, [paper.id]))!), paper);
        const mergedHash = hashPaper(merged);
        if (mergedHash !== state.hash) {
          await tx.run(SQL.updatePaper, paperParams(merged, mergedHash, now));
          await tx.run(SQL.deleteCategories, [paper.id]);
          await writeCategories(merged);
          changed = true;
        }
      }
      changed = (await writeProvenance(paper, now, state.sources.get(paper.source), record)) || changed;
      return changed ? 'updated' : 'unchanged';
    }

    return {
      upsertPaper: (paper, now, known) => classifyingErrors(() => writePaper(paper, now, known)),
      readAhead: (ids) => classifyingErrors(() => readStatesAhead(ids)),
      savepoint: (work) => tx.transaction((inner) => work(writerOn(inner, readAhead))),
      harvestStates: createHarvestStateStore(tx),
    };
  }

  async function transaction<T>(work: (tx: PaperTransaction) => Promise<T>): Promise<T> {
    const result = await classifyingErrors(() =>
      sql.transaction(async (tx) => {
        await tx.value(bySql(tx, WRITERS_LOCK));
        const newest = await newestKey(tx, PAPER_TEXT);
        const done = await work(writerOn(tx));
        await queuePapersAdded(tx, newest);
        return done;
      }),
    );
    void textIndex.nudge();
    return result;
  }

  /** Papers added in this transaction (after `newest`) wait for the index, and count as a change of papers. */
  async function queuePapersAdded(tx: Sql, newest: number): Promise<void> {
    if ((await queueAdded(tx, PAPER_TEXT, newest)) > 0) await tx.run(SQL.papersChanged);
  }

  async function indexPending(): Promise<number> {
    try {
      return await textIndex.flush();
    } catch (error) {
      throw classifyDatabaseError(error);
    }
  }

  async function knownRecords(keys: readonly RecordKey[]): Promise<boolean[]> {
    const stored = new Map<string, string | null>();
    const rows = await classifyingErrors(() =>
      sql.all<ProvenanceRow & { paper_id: string }>(SQL.selectProvenance(sql), [keys.map((key) => key.id)]),
    );
    for (const row of rows) stored.set(`${row.source} ${row.paper_id}`, row.record_hash);
    return keys.map((key) => stored.get(`${key.source} ${key.id}`) === key.record);
  }

  const isEmpty = async () => ((await classifyingErrors(() => sql.value(SQL.anyPaper))) ?? null) === null;

  return { packsAbstracts, transaction, indexPending, knownRecords, isEmpty };
}

/** What the text index reads of a paper's row (PAPER_TEXT), from what was written. */
function paperText(params: ReturnType<typeof paperParams>, categories: readonly string[]): StoredText {
  return {
    fields: [params.title, params.abstract, params.authors],
    keyValues: [categories.length ? categories.join(' ') : null, params.has_code],
    date: params.published_at,
  };
}

/** Bytes as the driver binds them (a thread's message hands a Buffer over as a plain Uint8Array). */
function asBytes(packed: string | Uint8Array): string | Buffer {
  return typeof packed === 'string' || Buffer.isBuffer(packed) ? packed : Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
}

function paperParams(paper: StoredPaper, hash: string, now: string) {
  return {
    id: paper.id,
    version: paper.version,
    title: paper.title,
    abstract: paper.abstract,
    authors: JSON.stringify(paper.authors),
    links: JSON.stringify(storedLinks(paper.id, paper.links)),
    has_code: paper.links.some((link) => link.kind === 'code') ? 1 : 0,
    primary_category: paper.primaryCategory,
    published_at: paper.publishedAt,
    updated_at: paper.updatedAt,
    doi: paper.doi,
    journal_ref: paper.journalRef,
    comments: paper.comments,
    license: paper.license,
    metadata_source: paper.metadataSource,
    content_hash: hash,
    now,
  };
}

const COLUMNS =
  'version, title, abstract, authors, primary_category, published_at, updated_at, doi, journal_ref, comments, license, links, has_code, metadata_source, content_hash';
/** What each column is written as: the abstract packed (db/abstract-packing.ts). */
const written = (column: string) => (column === 'abstract' ? 'pack_abstract(@abstract)' : `@${column}`);
const VALUES = COLUMNS.split(', ').map(written).join(', ');
const ASSIGNMENTS = COLUMNS.split(', ')
  .map((column) => `${column} = ${written(column)}`)
  .join(', ');

const SQL = {
  selectPaper: 'SELECT * FROM papers WHERE id = ?',
  anyPaper: 'SELECT 1 FROM papers LIMIT 1',
  papersChanged: 'UPDATE papers_version SET version = version + 1',
  selectHashes: (sql: Sql) => `SELECT id, content_hash FROM papers WHERE id ${inList(sql, '?')}`,
  selectProvenance: (sql: Sql) =>
    `SELECT paper_id, source, source_id, version, record_hash FROM paper_sources WHERE paper_id ${inList(sql, '?')}`,
  setRecordHash: 'UPDATE paper_sources SET record_hash = ? WHERE paper_id = ? AND source = ?',
  insertPaper: `INSERT INTO papers (id, ${COLUMNS}, created_at, modified_at) VALUES (@id, ${VALUES}, @now, @now) RETURNING seq`,
  updatePaper: `UPDATE papers SET ${ASSIGNMENTS}, modified_at = @now WHERE id = @id`,
  selectCategories: 'SELECT category FROM paper_categories WHERE paper_id = ? ORDER BY position',
  insertCategories: 'INSERT INTO paper_categories (paper_id, position, category) VALUES',
  deleteCategories: 'DELETE FROM paper_categories WHERE paper_id = ?',
  // IS DISTINCT FROM: PostgreSQL's spelling of SQLite's IS NOT, which both read.
  upsertSource: `INSERT INTO paper_sources (paper_id, source, source_id, version, first_seen_at, changed_at, record_hash)
    VALUES (@paper_id, @source, @source_id, @version, @now, @now, @record_hash)
    ON CONFLICT (paper_id, source) DO UPDATE SET source_id = excluded.source_id, version = excluded.version, changed_at = excluded.changed_at,
      record_hash = excluded.record_hash
    WHERE paper_sources.source_id IS DISTINCT FROM excluded.source_id OR paper_sources.version IS DISTINCT FROM excluded.version`,
  insertSignal: `INSERT INTO paper_signals (paper_id, source, name, observed_at, value) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (paper_id, source, name, observed_at) DO UPDATE SET value = excluded.value WHERE paper_signals.value != excluded.value`,
};
