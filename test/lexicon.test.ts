// The ranking index on real SQLite files: kept in step with every way papers
// change (added in many transactions, updated, deleted, written by another
// connection, stored before the index existed), always scoring as FTS5 does.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createTestServices, tempDir } from './helpers.ts';
import type { Db } from '../src/db/open.ts';
import { createPaperStore } from '../src/db/papers-store.ts';
import { createIndexWriter } from '../src/text-index/writer.ts';
import { PAPER_TEXT } from '../src/db/paper-text.ts';
import { compareCodePoints } from '../src/domain/code-points.ts';
import { createLexicalSearch, DEFAULT_RANKING } from '../src/search/lexical.ts';
import { parseQuery } from '../src/domain/query.ts';

const WORDS = 'speech codec neural audio vocoder graph network learning retrieval ranking model sparse dense token'.split(' ');

/** A JSON-lines file of papers whose titles and abstracts draw on WORDS. */
function papersFile(dir: string, name: string, ids: number[], extra = ''): string {
  const pick = (seed: number, count: number) =>
    Array.from({ length: count }, (_, index) => WORDS[(seed * 7 + index * 3) % WORDS.length]).join(' ');
  const lines = ids.map((id) =>
    JSON.stringify({
      id: `p${id}`,
      title: `${pick(id, 4)} ${extra}`,
      abstract: pick(id + 5, 20 + (id % 9)),
      authors: [`Author ${id % 5}`],
    }),
  );
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

/**
 * Our ranking and FTS5's bm25() for the same words: same papers, same order, same scores.
 * (Pass words all in over half the papers, or all in fewer: ranking leaves out common words beside rarer ones.)
 */
function expectScoresAsFts5(db: Db, words: string[]): number {
  const { title, abstract, authors } = DEFAULT_RANKING.weights;
  const fts5 = db
    .prepare(
      `SELECT rowid AS seq, bm25(papers_fts, ${title}, ${abstract}, ${authors}) AS score FROM papers_fts WHERE papers_fts MATCH ? ORDER BY score, rowid`,
    )
    .all(words.map((word) => `"${word}"`).join(' OR ')) as { seq: number; score: number }[];
  const ours = createLexicalSearch(db).search({ query: parseQuery(words.join(' ')), sort: 'relevance', limit: 100_000 });
  expect(ours.map((hit) => hit.seq)).toEqual(fts5.map((row) => row.seq));
  ours.forEach((hit, index) => expect(hit.score).toBeCloseTo(fts5[index]!.score, 9));
  return ours.length;
}

const segments = (db: Db) => db.prepare('SELECT count(*) FROM lexicon_segments').pluck().get() as number;

describe('ranking index', () => {
  it('merges the segments of many small transactions and still scores as FTS5', async () => {
    const dir = tempDir();
    const { services, db } = createTestServices();
    for (let batch = 0; batch < 25; batch++) {
      await services.ingest.ingestFiles(
        [
          papersFile(
            dir,
            `b${batch}.jsonl`,
            Array.from({ length: 12 }, (_, index) => batch * 12 + index),
          ),
        ],
        'jsonl',
      );
    }
    // 25 segments of 12 papers: two merges of ten leave 2 + 5 segments.
    expect(segments(db)).toBe(7);
    expect(expectScoresAsFts5(db, ['vocoder', 'sparse', 'author'])).toBe(300);
  });

  it('builds a segment in the background once 10,000 papers wait, and the rest when asked', async () => {
    const { db } = createTestServices();
    const store = createPaperStore(db);
    const insert = db.prepare(`INSERT INTO papers (id, title, abstract, metadata_source, content_hash, created_at, modified_at)
      VALUES (?, ?, ?, 'jsonl', ?, '2026-01-01', '2026-01-01')`);
    const write = (from: number, count: number) =>
      store.transaction(() => {
        for (let index = from; index < from + count; index++)
          insert.run(`p${index}`, `${WORDS[index % WORDS.length]} paper ${index}`, WORDS.join(' '), `h${index}`);
      });
    write(0, 10_000);
    // Nobody asks: the worker thread indexes them while the writer goes on.
    write(10_000, 500);
    await vi.waitFor(() => expect(segments(db)).toBe(1), { timeout: 30_000, interval: 50 });
    expect(await store.indexPending()).toBe(500);
    expect(db.prepare('SELECT papers FROM lexicon_segments ORDER BY id').pluck().all()).toEqual([10_000, 500]);
    expect(expectScoresAsFts5(db, ['vocoder', 'sparse'])).toBe(10_500);
  }, 60_000);

  it('follows updates and deletions: stale postings never count', async () => {
    const dir = tempDir();
    const { services, db } = createTestServices();
    await services.ingest.ingestFiles(
      [
        papersFile(
          dir,
          'a.jsonl',
          Array.from({ length: 40 }, (_, index) => index),
        ),
      ],
      'jsonl',
    );
    const index = createLexicalSearch(db);
    const find = (text: string) => index.search({ query: parseQuery(text), sort: 'relevance', limit: 100 }).map((hit) => hit.id);
    expect(find('platypus')).toEqual([]);
    await services.ingest.ingestFiles([papersFile(dir, 'b.jsonl', [3, 4], 'platypus')], 'jsonl');
    expect(find('platypus').sort()).toEqual(['jsonl:p3', 'jsonl:p4']);
    const store = createPaperStore(db);
    store.transaction(() => db.prepare("DELETE FROM papers WHERE id = 'jsonl:p3'").run());
    await store.indexPending();
    expect(find('platypus')).toEqual(['jsonl:p4']);
    expect(expectScoresAsFts5(db, ['platypus'])).toBe(1);
    expect(expectScoresAsFts5(db, ['codec', 'graph'])).toBeGreaterThan(10);
  });

  it('keeps a paper written again while its segment was being built queued, and indexes it again', async () => {
    const dir = tempDir();
    const { services, db } = createTestServices();
    await services.ingest.ingestFiles(
      [
        papersFile(
          dir,
          'a.jsonl',
          Array.from({ length: 20 }, (_, index) => index),
        ),
      ],
      'jsonl',
    );
    const store = createPaperStore(db);
    const writer = createIndexWriter(db, PAPER_TEXT);
    const retitle = (title: string) => store.transaction(() => db.prepare("UPDATE papers SET title = ? WHERE id = 'jsonl:p5'").run(title));
    const find = (text: string) =>
      createLexicalSearch(db)
        .search({ query: parseQuery(text), sort: 'relevance', limit: 10 })
        .map((hit) => hit.id);
    retitle('quokka habits');
    const segment = writer.buildPending();
    retitle('wallaby habits');
    writer.writeSegment(segment);
    expect(writer.pendingCount()).toBe(1);
    expect(find('quokka')).toEqual(['jsonl:p5']);
    await store.indexPending();
    expect(writer.pendingCount()).toBe(0);
    expect(find('quokka')).toEqual([]);
    expect(find('wallaby')).toEqual(['jsonl:p5']);
  });

  it('sees papers written through another connection', async () => {
    const dir = tempDir();
    const first = createTestServices();
    const second = createTestServices({}, first.path);
    const find = async (text: string) => (await first.services.search.searchPapers(text)).hits.map((hit) => hit.id);
    expect(await find('wombat')).toEqual([]);
    await second.services.ingest.ingestFiles([papersFile(dir, 'w.jsonl', [1, 2, 3], 'wombat')], 'jsonl');
    expect((await find('wombat')).sort()).toEqual(['jsonl:p1', 'jsonl:p2', 'jsonl:p3']);
  });

  it('indexes papers stored before it existed, once, when services start', async () => {
    const dir = tempDir();
    const { services, db, path } = createTestServices();
    await services.ingest.ingestFiles(
      [
        papersFile(
          dir,
          'a.jsonl',
          Array.from({ length: 30 }, (_, index) => index),
        ),
      ],
      'jsonl',
    );
    db.exec(
      'DELETE FROM lexicon_postings; DELETE FROM lexicon_papers; DELETE FROM lexicon_segments; INSERT INTO lexicon_pending (seq) SELECT seq FROM papers',
    );
    db.close();
    const reopened = createTestServices({}, path);
    expect(reopened.db.prepare('SELECT count(*) FROM lexicon_pending').pluck().get()).toBe(0);
    expect(expectScoresAsFts5(reopened.db, ['neural', 'ranking'])).toBeGreaterThan(10);
  });
});

describe('term order', () => {
  it('compares as SQLite orders TEXT (UTF-8 bytes), surrogate pairs included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
    );
  });
});
