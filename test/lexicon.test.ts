// The ranking index on real SQLite files: kept in step with every way papers
// change (added in many transactions, updated, deleted, written by another
// connection, stored before the index existed), always scoring as FTS5 does.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createSqliteServices, createTestServices, fts5Twin, refuseInserts, tempDir } from './helpers.ts';
import type { Db } from '../src/db/open.ts';
import { createPaperStore } from '../src/db/papers-store.ts';
import { normalizePaper } from '../src/domain/paper.ts';
import { createIndexWriter } from '../src/text-index/writer.ts';
import { createIndexer } from '../src/text-index/indexer.ts';
import { JOIN_FROM } from '../src/text-index/postings-join.ts';
import { SIZED } from '../src/text-index/postings.ts';
import { PAPER_TEXT } from '../src/db/paper-text.ts';
import { pendingDocumentsSql } from '../src/text-index/source.ts';
import { compareCodePoints } from '../src/domain/code-points.ts';
import { createLexicalSearch, DEFAULT_RANKING } from '../src/search/lexical.ts';
import { createIndexReader } from '../src/text-index/reader.ts';
import { createBm25 } from '../src/text-index/bm25.ts';
import { rankedInParallel, startRankingThread } from '../src/text-index/parallel-ranking.ts';
import { parseQuery } from '../src/domain/query.ts';
import { openDatabase } from '../src/db/open.ts';
import { DEMO_FILES } from '../src/ingest/ingest.ts';
import { listMigrations, migrate, migrationsDir } from '../src/db/migrate.ts';
import { dateKey, NO_DATE } from '../src/text-index/date-keys.ts';
import { testDatabaseUrl } from './test-database.ts';

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

/** Imports papers p0 … p(count - 1), from a file of them written in `dir`. */
function importPapers(services: Awaited<ReturnType<typeof createTestServices>>['services'], dir: string, count: number) {
  return services.ingest.ingestFiles(
    [
      papersFile(
        dir,
        'a.jsonl',
        Array.from({ length: count }, (_, index) => index),
      ),
    ],
    'jsonl',
  );
}

/**
 * Our ranking and FTS5's bm25() for the same words: same papers, same order, same scores.
 * (Pass words all in over half the papers, or all in fewer: ranking leaves out common words beside rarer ones.)
 */
async function expectScoresAsFts5(db: Db, words: string[]): Promise<number> {
  const { title, abstract, authors } = DEFAULT_RANKING.weights;
  const fts5 = (await (
    await fts5Twin(db)
  ).all(
    `SELECT rowid AS seq, bm25(papers_fts, ${title}, ${abstract}, ${authors}) AS score FROM papers_fts WHERE papers_fts MATCH ? ORDER BY score, rowid`,
    [words.map((word) => `"${word}"`).join(' OR ')],
  )) as { seq: number; score: number }[];
  const ours = await createLexicalSearch(db).search({ query: parseQuery(words.join(' ')), sort: 'relevance', limit: 100_000 });
  expect(ours.map((hit) => hit.seq)).toEqual(fts5.map((row) => row.seq));
  ours.forEach((hit, index) => expect(hit.score).toBeCloseTo(fts5[index]!.score, 9));
  return ours.length;
}

/** Services on a SQLite file of 4 KB pages, where a part of postings holds about 500 bytes. */
async function smallPagesServices() {
  const path = join(tempDir(), 'small-pages.db');
  const file = new Database(path);
  file.exec('PRAGMA page_size = 4096; CREATE TABLE made_small (x)');
  file.close();
  return createSqliteServices({}, path);
}

/** What the index holds, less which segments: every term's postings, and every paper's length and date key. */
async function indexContents(db: Db) {
  return {
    postings: await db.all('SELECT term, part, postings FROM lexicon_postings ORDER BY term, part'),
    papers: await db.all('SELECT seq, length, date_key FROM lexicon_papers ORDER BY seq'),
  };
}

/** The ids of the papers a search by relevance finds, best first. */
async function foundIds(db: Db, text: string): Promise<string[]> {
  return (await createLexicalSearch(db).search({ query: parseQuery(text), sort: 'relevance', limit: 100 })).map((hit) => hit.id);
}

const segments = async (db: Db) => (await db.value<number>('SELECT count(*) FROM lexicon_segments'))!;

describe('ranking index', () => {
  it('merges the segments of many small transactions and still scores as FTS5', async () => {
    const dir = tempDir();
    const { services, db } = await createTestServices();
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
    expect(await segments(db)).toBe(7);
    expect(await expectScoresAsFts5(db, ['vocoder', 'sparse', 'author'])).toBe(300);
  });

  it('keeps postings longer than a page holds as parts, through merges, with no overflow page, and still scores as FTS5', async () => {
    // A file of 4 KB pages, where a part holds about 500 bytes: a word in 600 papers needs several.
    const { services, db } = await smallPagesServices();
    const dir = tempDir();
    for (let batch = 0; batch < 22; batch++)
      await services.ingest.ingestFiles(
        [
          papersFile(
            dir,
            `b${batch}.jsonl`,
            Array.from({ length: 60 }, (_, index) => batch * 60 + index),
          ),
        ],
        'jsonl',
      );
    // 22 segments: the first ten merged into one, and the next ten.
    expect(await segments(db)).toBe(4);
    expect(await db.value('SELECT max(part) FROM lexicon_postings')).toBeGreaterThan(1);
    expect(await db.value("SELECT count(*) FROM dbstat WHERE name = 'lexicon_postings' AND pagetype = 'overflow'")).toBe(0);
    expect(await expectScoresAsFts5(db, ['vocoder', 'sparse', 'author'])).toBe(1320);
    expect(await expectScoresAsFts5(db, ['graph'])).toBeGreaterThan(100);
    await db.close();
  });

  it('merges segments whose rows and packs are read over many pages, and still scores as FTS5', async () => {
    // 4 KB pages; papers of 150 of 450 words (each word in about 50 of a segment's 150 papers: a row of its own)
    // and three words of their own (packed): a segment holds more rows and packs than a merge reads at once.
    const { services, db } = await smallPagesServices();
    const dir = tempDir();
    const syllables = 'bdfgklmnprstvz'.split('').flatMap((consonant) => [...'aeiou'].map((vowel) => consonant + vowel));
    const word = (n: number) => `${syllables[n % 70]}${syllables[Math.floor(n / 70) % 70]}rk`;
    const rare = (id: number, n: number) => `${syllables[id % 70]}${syllables[Math.floor(id / 70)]}${syllables[n]}mq`;
    const paperLine = (id: number) =>
      JSON.stringify({
        id: `m${id}`,
        title: `${word(id % 450)} ${word((id * 7) % 450)}`,
        abstract: [
          ...Array.from({ length: 150 }, (_, index) => word((id * 37 + index * 3) % 450)),
          ...[1, 2, 3].map((n) => rare(id, n)),
        ].join(' '),
        authors: [`Author ${id}`],
      });
    for (let batch = 0; batch < 10; batch++) {
      const path = join(dir, `m${batch}.jsonl`);
      writeFileSync(path, Array.from({ length: 150 }, (_, index) => paperLine(batch * 150 + index)).join('\n'));
      if (batch === 9) {
        // Nine segments before the merge, each of more rows and packs than a page of them.
        const perSegment = (table: string) => db.column<number>(`SELECT count(*) FROM ${table} GROUP BY segment`);
        expect((await perSegment('lexicon_postings')).every((rows) => rows > 200)).toBe(true);
        expect((await perSegment('lexicon_packs')).every((packs) => packs > 10)).toBe(true);
      }
      await services.ingest.ingestFiles([path], 'jsonl');
    }
    expect(await segments(db)).toBe(1);
    expect(await expectScoresAsFts5(db, [word(3), word(200), word(449)])).toBeGreaterThan(500);
    for (const [id, n] of [
      [5, 2],
      [1499, 3],
    ] as const)
      expect(await expectScoresAsFts5(db, [rare(id, n)])).toBe(1);
    expect(await expectScoresAsFts5(db, ['author'])).toBe(1500);
    await db.close();
  });

  it('keeps the small terms of a segment many to a row, found as any other, through merges', async () => {
    const dir = tempDir();
    const { services, db } = await createTestServices();
    for (let batch = 0; batch < 12; batch++) {
      const ids = Array.from({ length: 30 }, (_, index) => batch * 30 + index);
      await services.ingest.ingestFiles([papersFile(dir, `b${batch}.jsonl`, ids, `zephyr${batch % 4}`)], 'jsonl');
    }
    // The first ten merged into one segment of 300 papers, where common words have rows of their own; two of 30 after it.
    expect(await segments(db)).toBe(3);
    expect(await db.value("SELECT count(*) FROM lexicon_postings WHERE term IN ('zephyr1', 'author')")).toBe(1);
    expect(await db.value('SELECT count(*) FROM lexicon_packs')).toBeGreaterThan(2);
    if (db.dialect === 'sqlite')
      expect(await db.value("SELECT count(*) FROM dbstat WHERE name = 'lexicon_packs' AND pagetype = 'overflow'")).toBe(0);
    expect(await expectScoresAsFts5(db, ['zephyr1'])).toBe(90);
    expect(await expectScoresAsFts5(db, ['zephyr0', 'zephyr3'])).toBe(180);
    expect(await expectScoresAsFts5(db, ['vocoder', 'sparse', 'author'])).toBe(360);
    await db.close();
  });

  it('joins the long lists of clean segments by their blocks in a merge, and still scores as FTS5', async () => {
    const dir = tempDir();
    const { services, db } = await createTestServices();
    const perSegment = JOIN_FROM + 8;
    for (let batch = 0; batch < 10; batch++) {
      const ids = Array.from({ length: perSegment }, (_, index) => batch * perSegment + index);
      await services.ingest.ingestFiles([papersFile(dir, `b${batch}.jsonl`, ids, batch === 3 ? 'zephyr' : '')], 'jsonl');
    }
    expect(await segments(db)).toBe(1);
    // The words of most papers (a list of over JOIN_FROM in each segment) are joined; "zephyr", in one segment, copied as it was.
    const firstParts = await db.all<{ term: string; postings: Uint8Array }>('SELECT term, postings FROM lexicon_postings WHERE part = 0');
    const joined = firstParts.filter(({ postings }) => postings[0] === SIZED).map(({ term }) => term);
    expect(joined).toEqual(expect.arrayContaining(['vocod', 'spars', 'graph']));
    expect(joined).not.toContain('zephyr');
    for (const word of ['vocoder', 'sparse', 'graph']) expect(await expectScoresAsFts5(db, [word])).toBeGreaterThan(5 * perSegment);
    expect(await expectScoresAsFts5(db, ['author'])).toBe(10 * perSegment);
    expect(await expectScoresAsFts5(db, ['zephyr'])).toBe(perSegment);
    // The best ten alone, found skipping blocks by their impacts, are the first ten of all.
    const search = (limit: number) => createLexicalSearch(db).search({ query: parseQuery('vocoder graph'), sort: 'relevance', limit });
    expect(await search(10)).toEqual((await search(100_000)).slice(0, 10));
    await db.close();
  });

  it('leaves out of a merge the postings of a paper indexed again since, in a term no other segment holds', async () => {
    const dir = tempDir();
    const { services, db } = await createTestServices();
    const write = (name: string, ids: number[], extra: string) => services.ingest.ingestFiles([papersFile(dir, name, ids, extra)], 'jsonl');
    await write('first.jsonl', [0, 1, 2], 'obsolete');
    // p0's title no longer says "obsolete": its posting in the first segment is stale, and that segment no longer clean.
    await write('again.jsonl', [0], 'renewed');
    for (let batch = 1; batch <= 8; batch++) await write(`b${batch}.jsonl`, [batch * 10, batch * 10 + 1], '');
    // Ten small segments, merged into one.
    expect(await segments(db)).toBe(1);
    expect(await expectScoresAsFts5(db, ['obsolete'])).toBe(2);
    expect(await expectScoresAsFts5(db, ['renewed'])).toBe(1);
    await db.close();
  });

  it('builds a segment in the background once 10,000 papers wait, and the rest when asked', async () => {
    const { db } = await createTestServices();
    const store = createPaperStore(db);
    const write = (from: number, count: number) =>
      store.transaction(async (tx) => {
        for (let index = from; index < from + count; index++)
          await tx.upsertPaper(
            normalizePaper({
              source: 'jsonl',
              sourceId: `p${index}`,
              title: `${WORDS[index % WORDS.length]} paper ${index}`,
              abstract: WORDS.join(' '),
            }),
            '2026-01-01T00:00:00Z',
          );
      });
    await write(0, 10_000);
    // Nobody asks: the worker thread indexes them while the writer goes on.
    await write(10_000, 500);
    await vi.waitFor(async () => expect(await segments(db)).toBe(1), { timeout: 30_000, interval: 50 });
    expect(await store.indexPending()).toBe(500);
    expect(await db.column('SELECT papers FROM lexicon_segments ORDER BY id')).toEqual([10_000, 500]);
    expect(await expectScoresAsFts5(db, ['vocoder', 'sparse'])).toBe(10_500);
  }, 60_000);

  it('builds the next segment while one is written, and indexes a paper queued again meanwhile before it', async () => {
    const dir = tempDir();
    const { services, db } = await createTestServices();
    await importPapers(services, dir, 10_005);
    // Every paper waits again: two segments, the second read and built while the first is written.
    await db.run("UPDATE papers SET title = title || ' renewed'");
    const writer = createIndexWriter(db, PAPER_TEXT);
    const firstSeq = (await db.value<number>('SELECT min(seq) FROM papers'))!;
    let written = 0;
    const indexer = createIndexer({
      ...writer,
      async writeSegment(segment) {
        // As the first segment is written, its first paper changes: it waits again, behind the next segment read.
        if (written++ === 0) await db.run("UPDATE papers SET title = 'wallaby habits' WHERE seq = ?", [firstSeq]);
        await writer.writeSegment(segment);
      },
    });
    expect(await indexer.flush()).toBe(10_006);
    expect(written).toBe(3);
    expect(await writer.pendingCount()).toBe(0);
    expect(await expectScoresAsFts5(db, ['wallaby'])).toBe(1);
    expect(await expectScoresAsFts5(db, ['renewed'])).toBe(10_004);
  }, 60_000);

  it('follows updates and deletions: stale postings never count', async () => {
    const dir = tempDir();
    const { services, db } = await createTestServices();
    await importPapers(services, dir, 40);
    const find = (text: string) => foundIds(db, text);
    expect(await find('platypus')).toEqual([]);
    await services.ingest.ingestFiles([papersFile(dir, 'b.jsonl', [3, 4], 'platypus')], 'jsonl');
    expect((await find('platypus')).sort()).toEqual(['jsonl:p3', 'jsonl:p4']);
    const store = createPaperStore(db);
    await db.run("DELETE FROM papers WHERE id = 'jsonl:p3'");
    await store.indexPending();
    expect(await find('platypus')).toEqual(['jsonl:p4']);
    expect(await expectScoresAsFts5(db, ['platypus'])).toBe(1);
    expect(await expectScoresAsFts5(db, ['codec', 'graph'])).toBeGreaterThan(10);
  });

  it('finds the papers of a category in every segment, whether many or few hold it, less those indexed again without it', async () => {
    const dir = tempDir();
    const { services, db } = await createTestServices();
    // Every second paper in a common category, every 100th in a rare one (gathered as bits or merged: matching.ts).
    const categoriesOf = (id: number, moved: boolean) =>
      [id % 2 === 0 && !moved ? 'cs.CM' : 'cs.XX', (id % 100 === 0) !== moved ? 'cs.RA' : 'cs.YY'].sort();
    const write = (name: string, ids: number[], moved = false) =>
      writeFileSync(
        join(dir, name),
        ids
          .map((id) =>
            JSON.stringify({
              id: `p${id}`,
              title: `codec ${id}`,
              abstract: `speech codec ${moved ? 'moved' : ''}`,
              categories: categoriesOf(id, moved),
            }),
          )
          .join('\n'),
      );
    for (const part of [0, 1, 2]) {
      write(
        `${part}.jsonl`,
        Array.from({ length: 1000 }, (_, index) => part * 1000 + index),
      );
      await services.ingest.ingestFiles([join(dir, `${part}.jsonl`)], 'jsonl');
    }
    // Papers of each segment written again, in another segment, leaving a category or joining it.
    const moved = [0, 2, 40, 80, 1001, 1040, 2000, 2998, 2999];
    write('moved.jsonl', moved, true);
    await services.ingest.ingestFiles([join(dir, 'moved.jsonl')], 'jsonl');
    expect(await segments(db)).toBeGreaterThan(1);
    const inCategory = (category: string) =>
      Array.from({ length: 3000 }, (_, id) => id)
        .filter((id) => categoriesOf(id, moved.includes(id)).includes(category))
        .map((id) => `jsonl:p${id}`)
        .sort();
    for (const category of ['cs.CM', 'cs.RA']) {
      const found = await createLexicalSearch(db).search({ query: parseQuery(`codec cat:${category}`), sort: 'relevance', limit: 10_000 });
      expect(found.map((hit) => hit.id).sort()).toEqual(inCategory(category));
    }
    expect(inCategory('cs.RA').length).toBe(30 - 2 + 7);
  }, 60_000);

  it('ranks on two threads exactly as on one, with hidden papers, exclusions and pages, in segments some papers left', async () => {
    const dir = tempDir();
    const { services, db } = await createTestServices();
    for (const part of [0, 1, 2]) {
      const ids = Array.from({ length: 800 }, (_, index) => part * 800 + index);
      await services.ingest.ingestFiles([papersFile(dir, `${part}.jsonl`, ids, part === 1 ? 'wombat' : '')], 'jsonl');
    }
    await services.ingest.ingestFiles([papersFile(dir, 'moved.jsonl', [1, 5, 900, 1700, 2001], 'quokka')], 'jsonl');
    expect(await segments(db)).toBeGreaterThan(2);
    await db.run("UPDATE papers SET hidden_at = '2026-11-29T00:00:00Z' WHERE id IN ('jsonl:p7', 'jsonl:p1601')");
    expect(await startRankingThread()).toBe(true);
    const oneThread = createLexicalSearch(db, { ...DEFAULT_RANKING, parallelFrom: Infinity });
    const twoThreads = createLexicalSearch(db, { ...DEFAULT_RANKING, parallelFrom: 0 });
    const jobs = rankedInParallel();
    for (const text of ['speech codec', 'neural audio vocoder -wombat', 'quokka sparse token', 'dense model wombat -quokka']) {
      const request = { query: parseQuery(text), sort: 'relevance' as const, limit: 25 };
      const first = await oneThread.search(request);
      expect(first.length).toBeGreaterThanOrEqual(5);
      expect(await twoThreads.search(request)).toEqual(first);
      const after = { key: first.at(-1)!.sortKey, seq: first.at(-1)!.seq };
      expect(await twoThreads.search({ ...request, after })).toEqual(await oneThread.search({ ...request, after }));
      expect(first.map((hit) => hit.id)).not.toContain('jsonl:p7');
    }
    // The worker ranked its share of both pages of the first two queries, whose words are in every segment; the
    // others rank by a word of one segment (the rest in over half the papers), ranked here alone.
    expect(rankedInParallel() - jobs).toBe(4);
  }, 60_000);

  it('says a term is held only while a paper still placed in its segment holds it, counting no more lists than it needs', async () => {
    const dir = tempDir();
    const { services, db } = await createTestServices();
    // One segment of papers with the word and papers without; another.
    await services.ingest.ingestFiles([papersFile(dir, 'a.jsonl', [1, 2, 3], 'wombat'), papersFile(dir, 'c.jsonl', [6, 7, 8])], 'jsonl');
    await services.ingest.ingestFiles([papersFile(dir, 'b.jsonl', [4, 5], 'quokka')], 'jsonl');
    const reader = createIndexReader(db, () => db.changes());
    const bm25 = createBm25(reader, [2.5, 1, 1]);
    const [wombat, quokka] = await bm25.lookUp(['wombat', 'quokka']);
    expect([wombat!.held, quokka!.held]).toEqual([true, true]);
    // Held in a clean segment: no list is counted.
    expect([...wombat!.lists, ...quokka!.lists].every((postings) => postings.live === undefined)).toBe(true);
    // The wombat papers written again without the word: its postings are all stale now.
    await services.ingest.ingestFiles([papersFile(dir, 'a.jsonl', [1, 2, 3], 'emu')], 'jsonl');
    const [gone] = await bm25.lookUp(['wombat']);
    expect(gone!.lists.length).toBeGreaterThan(0);
    expect(gone!.held).toBe(false);
    expect(gone!.frequency).toBe(0);
    expect((await foundIds(db, 'wombat')).length).toBe(0);
  });

  it('keeps a paper written again while its segment was being built queued, and indexes it again', async () => {
    const dir = tempDir();
    const { services, db } = await createTestServices();
    await importPapers(services, dir, 20);
    const store = createPaperStore(db);
    const writer = createIndexWriter(db, PAPER_TEXT);
    const retitle = (title: string) => db.run("UPDATE papers SET title = ? WHERE id = 'jsonl:p5'", [title]);
    const find = (text: string) => foundIds(db, text);
    await retitle('quokka habits');
    const segment = await writer.buildPending();
    await retitle('wallaby habits');
    await writer.writeSegment(segment);
    expect(await writer.pendingCount()).toBe(1);
    expect(await find('quokka')).toEqual(['jsonl:p5']);
    await store.indexPending();
    expect(await writer.pendingCount()).toBe(0);
    expect(await find('quokka')).toEqual([]);
    expect(await find('wallaby')).toEqual(['jsonl:p5']);
  });

  it('indexes the papers an import adds as they were offered, unread, exactly as read back from their rows', async () => {
    const { services, db } = await createTestServices();
    const [listings, hfDaily] = DEMO_FILES as [string, string];
    // A refused record: its batch is rolled back after its papers were offered, and written again without it.
    const allowAll = await refuseInserts(db, 'papers', "new.id = '2606.18788'", 'refused for the test');
    const reads = vi.spyOn(db, 'all');
    const readBack = () => reads.mock.calls.filter(([text]) => text === pendingDocumentsSql(db, PAPER_TEXT)).length;
    expect((await services.ingest.ingestFiles([listings], undefined)).skipped).toBe(1);
    await allowAll();
    expect(readBack()).toBe(0);
    // One segment of them, as one built from their rows.
    const offered = await indexContents(db);
    expect(await segments(db)).toBe(1);
    expect(offered.papers.length).toBe(await db.value<number>('SELECT count(*) FROM papers'));
    await db.script(
      'DELETE FROM lexicon_postings; DELETE FROM lexicon_papers; DELETE FROM lexicon_segments; INSERT INTO lexicon_pending (seq) SELECT seq FROM papers',
    );
    await createPaperStore(db).indexPending();
    expect(readBack()).toBe(1);
    expect(await indexContents(db)).toEqual(offered);
    // Papers added and papers updated (not offered) waiting together are read back.
    const { added, updated } = await services.ingest.ingestFiles([hfDaily], undefined);
    expect(added * updated).toBeGreaterThan(0);
    expect(readBack()).toBe(2);
    expect(await expectScoresAsFts5(db, ['retrieval', 'speech'])).toBeGreaterThan(100);
  }, 60_000);

  it('reads a waiting paper as stored when its row no longer holds what was offered', async () => {
    const dir = tempDir();
    const { services, db } = await createTestServices();
    await importPapers(services, dir, 20);
    const writer = createIndexWriter(db, PAPER_TEXT);
    const find = (text: string) => foundIds(db, text);
    const row = async (id: string) =>
      (await db.get<{ seq: number; content_hash: string }>('SELECT seq, content_hash FROM papers WHERE id = ?', [id]))!;
    const [p5, p6] = [await row('jsonl:p5'), await row('jsonl:p6')];
    const stale = { fields: ['quokka habits', '', '[]'], keyValues: [null, 0], date: null };
    // p5 is written again, hash and all (queued anew, as offered: version 0); p6's title changes, its hash does not (queued twice).
    await db.run("UPDATE papers SET title = 'wallaby habits', content_hash = 'changed' WHERE seq = ?", [p5.seq]);
    await db.run("UPDATE papers SET title = 'wombat' WHERE seq = ?", [p6.seq]);
    await db.run("UPDATE papers SET title = 'wombat habits' WHERE seq = ?", [p6.seq]);
    writer.offer(p5.seq, p5.content_hash, stale);
    writer.offer(p6.seq, p6.content_hash, stale);
    expect(await writer.indexPending()).toBe(2);
    expect(await find('quokka')).toEqual([]);
    expect(await find('wallaby')).toEqual(['jsonl:p5']);
    expect(await find('wombat')).toEqual(['jsonl:p6']);
    expect(await expectScoresAsFts5(db, ['habits'])).toBe(2);
  });

  it('sees papers written through another connection', async () => {
    const dir = tempDir();
    const first = await createTestServices();
    const second = await createTestServices({}, first.path);
    const find = async (text: string) => (await first.services.search.searchPapers(text)).hits.map((hit) => hit.id);
    expect(await find('wombat')).toEqual([]);
    await second.services.ingest.ingestFiles([papersFile(dir, 'w.jsonl', [1, 2, 3], 'wombat')], 'jsonl');
    expect((await find('wombat')).sort()).toEqual(['jsonl:p1', 'jsonl:p2', 'jsonl:p3']);
  });

  it('indexes papers stored before it existed, once, when services start', async () => {
    const dir = tempDir();
    const { services, db, path } = await createTestServices();
    await importPapers(services, dir, 30);
    await db.script(
      'DELETE FROM lexicon_postings; DELETE FROM lexicon_papers; DELETE FROM lexicon_segments; INSERT INTO lexicon_pending (seq) SELECT seq FROM papers',
    );
    await db.close();
    const reopened = await createTestServices({}, path);
    expect(await reopened.db.value('SELECT count(*) FROM lexicon_pending')).toBe(0);
    expect(await expectScoresAsFts5(reopened.db, ['neural', 'ranking'])).toBeGreaterThan(10);
  });
});

describe('term order', () => {
  it('gives the papers indexed before it kept dates theirs, as the index computes them, and queues a paper whose date changes', async () => {
    const db = await openDatabase(await testDatabaseUrl(join(tempDir(), 'before-date-keys.db'), { empty: true }));
    const migrations = listMigrations(migrationsDir(db.dialect));
    await migrate(
      db,
      migrations.filter((migration) => migration.name < '0025_date_keys'),
    );
    const dates = [
      '2024-02-29T10:00:00.000Z',
      null,
      '+275760-09-13T00:00:00.000Z',
      '-000001-01-01T00:00:00.000Z',
      '1999-12-31T23:59:59.999Z',
    ];
    for (const [index, date] of dates.entries()) {
      await db.run(
        `INSERT INTO papers (seq, id, title, published_at, metadata_source, content_hash, created_at, modified_at)
          VALUES (?, ?, 'A title', ?, 'jsonl', 'hash', '2025-01-01', '2025-01-01')`,
        [index + 1, `p${index}`, date],
      );
      await db.run('INSERT INTO lexicon_papers (seq, segment, length) VALUES (?, 1, 5)', [index + 1]);
    }
    // A paper no longer stored: placed with no words, and no date.
    await db.run('INSERT INTO lexicon_papers (seq, segment, length) VALUES (99, 1, 0)');
    await migrate(db, migrations);
    expect(await db.all('SELECT seq, date_key AS "dateKey" FROM lexicon_papers ORDER BY seq')).toEqual([
      ...dates.map((date, index) => ({ seq: index + 1, dateKey: dateKey(date) })),
      { seq: 99, dateKey: NO_DATE },
    ]);
    await db.run('DELETE FROM lexicon_pending');
    await db.run("UPDATE papers SET published_at = '2020-01-01T00:00:00.000Z' WHERE seq = 1");
    expect(await db.column('SELECT seq FROM lexicon_pending')).toEqual([1]);
    await db.close();
  });

  it('compares as SQLite orders TEXT (UTF-8 bytes), surrogate pairs included', async () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
    );
  });
});
