// Writes papers: one upsert per record, merging with what is stored, plus
// provenance and signals. Callers wrap batches in transaction(). Papers
// written join the ranking index in segments, built alongside once enough
// wait, and at the latest when the caller says its run is over (indexPending).
import { writeTransaction, type Db } from './open.ts';
import { classifyDatabaseError, classifyingErrors } from './storage-errors.ts';
import type { Paper } from '../domain/paper.ts';
import type { PaperLink } from '../domain/links.ts';
import { hashPaper, mergePaper, toStored, type StoredPaper } from '../domain/merge.ts';
import { createIndexWriter } from '../text-index/writer.ts';
import { createIndexer } from '../text-index/indexer.ts';
import { PAPER_TEXT } from './paper-text.ts';
import { createPaperAuthors } from './paper-authors.ts';

export type UpsertResult = 'added' | 'updated' | 'unchanged';

export interface PaperStore {
  upsertPaper(paper: Paper, now: string): UpsertResult;
  transaction<T>(work: () => T): T;
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

export function createPaperStore(db: Db): PaperStore {
  const sql = prepareStatements(db);
  const textIndex = createIndexer(createIndexWriter(db, PAPER_TEXT), db.name);
  const authors = createPaperAuthors(db);

  function writeCategories(paper: StoredPaper): void {
    paper.categories.forEach((category, position) => sql.insertCategory.run(paper.id, position, category));
  }

  function readStored(row: PaperRow): StoredPaper {
    return {
      id: row.id,
      version: row.version,
      title: row.title,
      abstract: row.abstract,
      authors: JSON.parse(row.authors) as string[],
      primaryCategory: row.primary_category,
      categories: sql.selectCategories.all(row.id) as string[],
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

  function writeProvenance(paper: Paper, now: string): boolean {
    const provenance = sql.upsertSource.run({
      paper_id: paper.id,
      source: paper.source,
      source_id: paper.sourceId,
      version: paper.version,
      now,
    });
    let changed = provenance.changes > 0;
    for (const signal of paper.signals) {
      changed = sql.insertSignal.run(paper.id, paper.source, signal.name, signal.observedAt, signal.value).changes > 0 || changed;
    }
    return changed;
  }

  /** Refusals of this record's content throw RecordRefused; failures of the database, StorageFailure. */
  function upsertPaper(paper: Paper, now: string): UpsertResult {
    return classifyingErrors(() => writePaper(paper, now));
  }

  function writePaper(paper: Paper, now: string): UpsertResult {
    const row = sql.selectPaper.get(paper.id) as PaperRow | undefined;
    if (!row) {
      const stored = toStored(paper);
      sql.insertPaper.run(paperParams(stored, hashPaper(stored), now));
      writeCategories(stored);
      authors.write(stored.id, stored.authors);
      writeProvenance(paper, now);
      return 'added';
    }
    const incoming = toStored(paper);
    let changed = false;
    if (hashPaper(incoming) !== row.content_hash) {
      const merged = mergePaper(readStored(row), paper);
      const hash = hashPaper(merged);
      if (hash !== row.content_hash) {
        sql.updatePaper.run(paperParams(merged, hash, now));
        sql.deleteCategories.run(paper.id);
        writeCategories(merged);
        authors.write(merged.id, merged.authors);
        changed = true;
      }
    }
    changed = writeProvenance(paper, now) || changed;
    return changed ? 'updated' : 'unchanged';
  }

  /** Runs `work` as one write transaction, waiting its turn behind other writers; a failure of the database is a StorageFailure. */
  function transaction<T>(work: () => T): T {
    const outermost = !db.inTransaction;
    const result = classifyingErrors(() => writeTransaction(db, work)());
    if (outermost) textIndex.nudge();
    return result;
  }

  async function indexPending(): Promise<number> {
    try {
      return await textIndex.flush();
    } catch (error) {
      throw classifyDatabaseError(error);
    }
  }

  return { upsertPaper, transaction, indexPending };
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

function prepareStatements(db: Db) {
  const columns =
    'version, title, abstract, authors, primary_category, published_at, updated_at, doi, journal_ref, comments, license, links, has_code, metadata_source, content_hash';
  const values = columns
    .split(', ')
    .map((column) => `@${column}`)
    .join(', ');
  const assignments = columns
    .split(', ')
    .map((column) => `${column} = @${column}`)
    .join(', ');
  return {
    selectPaper: db.prepare('SELECT * FROM papers WHERE id = ?'),
    insertPaper: db.prepare(`INSERT INTO papers (id, ${columns}, created_at, modified_at) VALUES (@id, ${values}, @now, @now)`),
    updatePaper: db.prepare(`UPDATE papers SET ${assignments}, modified_at = @now WHERE id = @id`),
    selectCategories: db.prepare('SELECT category FROM paper_categories WHERE paper_id = ? ORDER BY position').pluck(),
    insertCategory: db.prepare('INSERT INTO paper_categories (paper_id, position, category) VALUES (?, ?, ?)'),
    deleteCategories: db.prepare('DELETE FROM paper_categories WHERE paper_id = ?'),
    upsertSource: db.prepare(`INSERT INTO paper_sources (paper_id, source, source_id, version, first_seen_at, changed_at)
      VALUES (@paper_id, @source, @source_id, @version, @now, @now)
      ON CONFLICT (paper_id, source) DO UPDATE SET source_id = excluded.source_id, version = excluded.version, changed_at = excluded.changed_at
      WHERE paper_sources.source_id IS NOT excluded.source_id OR paper_sources.version IS NOT excluded.version`),
    insertSignal: db.prepare(`INSERT INTO paper_signals (paper_id, source, name, observed_at, value) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (paper_id, source, name, observed_at) DO UPDATE SET value = excluded.value WHERE paper_signals.value != excluded.value`),
  };
}
