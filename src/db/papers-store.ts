// Writes papers: one upsert per record, merging with what is stored (read
// ahead for the whole batch at once), plus provenance and signals, inside a
// transaction (a batch of records). Papers
// written join the ranking index in segments, built alongside once enough
// wait, and at the latest when the caller says its run is over (indexPending).
import { inList, insertRows, type Sql } from './sql.ts';
import { classifyDatabaseError, classifyingErrors } from './storage-errors.ts';
import { createHarvestStateStore, type HarvestStateStore } from './harvest-state.ts';
import type { Paper } from '../domain/paper.ts';
import type { PaperLink } from '../domain/links.ts';
import { hashPaper, mergePaper, toStored, type StoredPaper } from '../domain/merge.ts';
import { createIndexWriter } from '../text-index/writer.ts';
import { createIndexer } from '../text-index/indexer.ts';
import { PAPER_TEXT } from './paper-text.ts';
import { createPaperAuthors } from './paper-authors.ts';

export type UpsertResult = 'added' | 'updated' | 'unchanged';

/** Writes inside one transaction. */
export interface PaperTransaction {
  /** Refusals of this record's content throw RecordRefused; failures of the database, StorageFailure. */
  upsertPaper(paper: Paper, now: string): Promise<UpsertResult>;
  /** Reads the stored papers of these ids at once (one statement, not one per paper); each is used once, by the next write of its id. */
  readAhead(ids: readonly string[]): Promise<void>;
  /** `work` in a savepoint: rolled back alone when it throws. */
  savepoint<T>(work: (tx: PaperTransaction) => Promise<T>): Promise<T>;
  /** Where a harvest stands, saved with the page it wrote. */
  harvestStates: HarvestStateStore;
}

export interface PaperStore {
  /**
   * Runs `work` as one write transaction, waiting its turn behind other writers; a failure of the
   * database is a StorageFailure.
   */
  transaction<T>(work: (tx: PaperTransaction) => Promise<T>): Promise<T>;
  /** Adds every paper waiting for the ranking index to it; returns how many. */
  indexPending(): Promise<number>;
}

interface PaperRow {
  id: string;
  version: number | null;
  title: string;
  abstract: string;
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
  const textIndex = createIndexer(createIndexWriter(sql, PAPER_TEXT));

  /** Writes through `tx`, the transaction the batch is written in; `readAhead` holds stored rows read before (undefined: none stored). */
  function writerOn(tx: Sql, readAhead = new Map<string, PaperRow | undefined>()): PaperTransaction {
    const authors = createPaperAuthors(tx);

    async function storedRow(id: string): Promise<PaperRow | undefined> {
      if (!readAhead.has(id)) return tx.get<PaperRow>(SQL.selectPaper, [id]);
      const row = readAhead.get(id);
      readAhead.delete(id);
      return row;
    }

    async function readRowsAhead(ids: readonly string[]): Promise<void> {
      const rows = await tx.all<PaperRow>(SQL.selectPapers(tx), [ids]);
      for (const id of ids) readAhead.set(id, undefined);
      for (const row of rows) readAhead.set(row.id, row);
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
        abstract: row.abstract,
        authors: JSON.parse(row.authors) as string[],
        primaryCategory: row.primary_category,
        categories: await tx.column<string>(SQL.selectCategories, [row.id]),
        publishedAt: row.published_at,
        updatedAt: row.updated_at,
        doi: row.doi,
        journalRef: row.journal_ref,
        comments: row.comments,
        license: row.license,
        links: JSON.parse(row.links) as PaperLink[],
        metadataSource: row.metadata_source,
      };
    }

    async function writeProvenance(paper: Paper, now: string): Promise<boolean> {
      const provenance = { paper_id: paper.id, source: paper.source, source_id: paper.sourceId, version: paper.version, now };
      let changed = (await tx.run(SQL.upsertSource, provenance)) > 0;
      for (const signal of paper.signals) {
        changed = (await tx.run(SQL.insertSignal, [paper.id, paper.source, signal.name, signal.observedAt, signal.value])) > 0 || changed;
      }
      return changed;
    }

    async function writePaper(paper: Paper, now: string): Promise<UpsertResult> {
      const row = await storedRow(paper.id);
      if (!row) {
        const stored = toStored(paper);
        await tx.run(SQL.insertPaper, paperParams(stored, hashPaper(stored), now));
        await writeCategories(stored);
        await authors.add(stored.id, stored.authors);
        await writeProvenance(paper, now);
        return 'added';
      }
      const incoming = toStored(paper);
      let changed = false;
      if (hashPaper(incoming) !== row.content_hash) {
        const merged = mergePaper(await readStored(row), paper);
        const hash = hashPaper(merged);
        if (hash !== row.content_hash) {
          await tx.run(SQL.updatePaper, paperParams(merged, hash, now));
          await tx.run(SQL.deleteCategories, [paper.id]);
          await writeCategories(merged);
          await authors.write(merged.id, merged.authors);
          changed = true;
        }
      }
      changed = (await writeProvenance(paper, now)) || changed;
      return changed ? 'updated' : 'unchanged';
    }

    return {
      upsertPaper: (paper, now) => classifyingErrors(() => writePaper(paper, now)),
      readAhead: (ids) => classifyingErrors(() => readRowsAhead(ids)),
      savepoint: (work) => tx.transaction((inner) => work(writerOn(inner, readAhead))),
      harvestStates: createHarvestStateStore(tx),
    };
  }

  async function transaction<T>(work: (tx: PaperTransaction) => Promise<T>): Promise<T> {
    const result = await classifyingErrors(() => sql.transaction((tx) => work(writerOn(tx))));
    void textIndex.nudge();
    return result;
  }

  async function indexPending(): Promise<number> {
    try {
      return await textIndex.flush();
    } catch (error) {
      throw classifyDatabaseError(error);
    }
  }

  return { transaction, indexPending };
}

function paperParams(paper: StoredPaper, hash: string, now: string) {
  return {
    id: paper.id,
    version: paper.version,
    title: paper.title,
    abstract: paper.abstract,
    authors: JSON.stringify(paper.authors),
    links: JSON.stringify(paper.links),
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
const VALUES = COLUMNS.split(', ')
  .map((column) => `@${column}`)
  .join(', ');
const ASSIGNMENTS = COLUMNS.split(', ')
  .map((column) => `${column} = @${column}`)
  .join(', ');

const SQL = {
  selectPaper: 'SELECT * FROM papers WHERE id = ?',
  selectPapers: (sql: Sql) => `SELECT * FROM papers WHERE id ${inList(sql, '?')}`,
  insertPaper: `INSERT INTO papers (id, ${COLUMNS}, created_at, modified_at) VALUES (@id, ${VALUES}, @now, @now)`,
  updatePaper: `UPDATE papers SET ${ASSIGNMENTS}, modified_at = @now WHERE id = @id`,
  selectCategories: 'SELECT category FROM paper_categories WHERE paper_id = ? ORDER BY position',
  insertCategories: 'INSERT INTO paper_categories (paper_id, position, category) VALUES',
  deleteCategories: 'DELETE FROM paper_categories WHERE paper_id = ?',
  // IS DISTINCT FROM: PostgreSQL's spelling of SQLite's IS NOT, which both read.
  upsertSource: `INSERT INTO paper_sources (paper_id, source, source_id, version, first_seen_at, changed_at)
    VALUES (@paper_id, @source, @source_id, @version, @now, @now)
    ON CONFLICT (paper_id, source) DO UPDATE SET source_id = excluded.source_id, version = excluded.version, changed_at = excluded.changed_at
    WHERE paper_sources.source_id IS DISTINCT FROM excluded.source_id OR paper_sources.version IS DISTINCT FROM excluded.version`,
  insertSignal: `INSERT INTO paper_signals (paper_id, source, name, observed_at, value) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (paper_id, source, name, observed_at) DO UPDATE SET value = excluded.value WHERE paper_signals.value != excluded.value`,
};
