// End to end: files into a real SQLite file through the ingest service.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestServices, fixturePath, refuseInserts, storedText, tempDir } from './helpers.ts';
import { createPaperStore } from '../src/db/papers-store.ts';
import { packAbstract } from '../src/db/abstract-packing.ts';
import { readPaperFile } from '../src/sources/files.ts';
import { normalizeItem } from '../src/ingest/batch.ts';

const count = async (db: Awaited<ReturnType<typeof createTestServices>>['db'], sql: string, ...params: unknown[]) =>
  (await db.value(sql, [...params])) as number;

describe('ingest files', () => {
  it('imports every format, and a second run changes nothing', async () => {
    const { services, db } = await createTestServices();
    const files = [
      'arxiv-api/q_testing_s0_m10.xml',
      'arxiv-api/legacy-2016-au_del_maestro.xml',
      'oai-pmh/ListRecordsResponse.xml',
      'oai-pmh/ListRecords_oai_dc_from-2014-12-24_until-2014-12-25.xml.gz',
      'kaggle/arxiv-metadata-oai-snapshot.head200.jsonl',
      'hf-daily/2026-08-21.json',
      'jsonl/internal-reports.jsonl',
    ].map(fixturePath);
    const first = await services.ingest.ingestFiles(files, undefined);
    expect(first).toMatchObject({ skipped: 0, updated: 0 });
    const papers = await count(db, 'SELECT count(*) FROM papers');
    expect(first.added).toBe(papers);
    expect(papers).toBeGreaterThan(1100);
    const modified = await db.value('SELECT max(modified_at) FROM papers');
    const second = await services.ingest.ingestFiles(files, undefined);
    expect(second).toMatchObject({ added: 0, updated: 0, skipped: 0, unchanged: first.added + first.updated + first.unchanged });
    expect(await db.value('SELECT max(modified_at) FROM papers')).toBe(modified);
  });

  it('imports a snapshot again reading only what changed: records applied before as they are are skipped unread', async () => {
    const { services, db } = await createTestServices();
    const lines = readFileSync(fixturePath('kaggle/arxiv-metadata-oai-snapshot.head200.jsonl'), 'utf8').trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    // One record with a category that is no arXiv category: left out, and said so, when the record is read.
    records[3]!.categories = `${String(records[3]!.categories)} I.2.7`;
    const file = join(tempDir(), 'snapshot.json');
    const write = () => writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
    write();
    const first = await services.ingest.ingestFiles([file], undefined);
    expect(first).toMatchObject({ added: 200, leftOut: 1 });
    // Next month: one abstract revised, one record changed only where paperboy keeps nothing (the submitter).
    records[10]!.abstract = 'A revised abstract about tropical cyclones.';
    records[20]!.submitter = 'Someone Else';
    write();
    const second = await services.ingest.ingestFiles([file], undefined);
    // The record with the odd category was not read again: nothing was left out this time.
    expect(second).toMatchObject({ added: 0, updated: 1, unchanged: 199, skipped: 0, leftOut: 0 });
    expect((await services.papers.getPaper(String(records[10]!.id)))!.abstract).toBe('A revised abstract about tropical cyclones.');
    // The submitter's record is known as it is now: the third run reads nothing at all.
    const third = await services.ingest.ingestFiles([file], undefined);
    expect(third).toMatchObject({ added: 0, updated: 0, unchanged: 200, leftOut: 0 });
    expect(await count(db, 'SELECT count(*) FROM paper_sources WHERE record_hash IS NULL')).toBe(0);
  });

  it('stores each abstract as the writer would, packed in the file reader thread where the store packs them', async () => {
    const { services, db } = await createTestServices();
    const file = fixturePath('kaggle/arxiv-metadata-oai-snapshot.head200.jsonl');
    expect(await services.ingest.ingestFiles([file], undefined)).toMatchObject({ added: 200, skipped: 0 });
    // What this thread makes of the file's records.
    const expected = new Map<string, string>();
    for await (const item of readPaperFile(file, 'kaggle')) {
      const ready = normalizeItem(item);
      if ('paper' in ready) expected.set(ready.paper.id, ready.paper.abstract);
    }
    const rows = await db.all<{ id: string; abstract: string | Uint8Array }>('SELECT id, abstract FROM papers');
    expect(rows.length).toBe(expected.size);
    for (const row of rows) {
      const text = expected.get(row.id)!;
      expect((await services.papers.getPaper(row.id))!.abstract).toBe(text);
      // Packed in SQLite (bytes as pack_abstract() writes them), text in PostgreSQL.
      expect(row.abstract).toEqual(db.dialect === 'sqlite' ? packAbstract(text) : text);
    }
    if (db.dialect === 'sqlite') expect(rows.filter((row) => typeof row.abstract !== 'string').length).toBeGreaterThan(150);
  });

  it('keeps the ranking index in step with the papers table', async () => {
    const { services, db } = await createTestServices();
    await services.ingest.ingestFiles([fixturePath('arxiv-api/q_testing_s0_m10.xml')], undefined);
    const ids = async (query: string) => (await services.search.searchPapers(query, { sort: 'newest' })).hits.map((hit) => hit.id);
    expect(await ids('metamorphic mutation combinatorial')).toEqual(['2202.12139']);
    expect(await ids('author:Gotlieb')).toContain('2202.12139');
    // Changed outside an import, the paper waits for the index; the next import (or start) indexes it.
    await db.run("UPDATE papers SET title = 'Zebra crossings', abstract = '' WHERE id = '2202.12139'");
    expect(await createPaperStore(db).indexPending()).toBe(1);
    expect(await ids('metamorphic')).toEqual([]);
    expect(await ids('zebra')).toEqual(['2202.12139']);
  });

  it('makes one paper of the same paper from two sources, keeping both provenances and the signals', async () => {
    const { services, db } = await createTestServices();
    const hf = join(tempDir(), 'hf.json');
    const day = JSON.parse(readFileSync(fixturePath('hf-daily/2026-08-21.json'), 'utf8')) as { paper: { id: string } }[];
    writeFileSync(hf, JSON.stringify([{ ...day[0], paper: { ...day[0]!.paper, id: '2202.12139', title: 'HF title' } }]));
    await services.ingest.ingestFiles([hf], undefined);
    const summary = await services.ingest.ingestFiles([fixturePath('arxiv-api/q_testing_s0_m10.xml')], undefined);
    expect(summary.updated).toBe(1);
    const paper = (await services.papers.getPaper('2202.12139'))!;
    expect(paper.title).toBe('Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques');
    expect(paper.sources.map((source) => source.source).sort()).toEqual(['arxiv-api', 'hf-daily']);
    expect(paper.links).toContainEqual({ kind: 'code', url: 'https://github.com/google-research/envharness' });
    expect(await count(db, "SELECT count(*) FROM paper_signals WHERE paper_id = '2202.12139' AND name = 'upvotes'")).toBe(1);
  });

  it('lets a newer version replace the stored one', async () => {
    const { services } = await createTestServices();
    const dir = tempDir();
    const line = (version: string, title: string) =>
      JSON.stringify({
        id: '0704.0001',
        title,
        abstract: 'A',
        authors: 'A. B',
        categories: 'hep-ph',
        versions: [{ version, created: 'Mon, 2 Apr 2007 19:18:42 GMT' }],
      });
    writeFileSync(join(dir, 'v1.jsonl'), `${line('v1', 'First title')}\n`);
    writeFileSync(join(dir, 'v3.jsonl'), `${line('v3', 'Third title')}\n`);
    await services.ingest.ingestFiles([join(dir, 'v3.jsonl')], 'kaggle');
    expect((await services.ingest.ingestFiles([join(dir, 'v1.jsonl')], 'kaggle')).unchanged).toBe(0);
    expect(await services.papers.getPaper('0704.0001')).toMatchObject({ title: 'Third title', version: 3 });
  });

  it('writes nothing in a dry run but counts as if it had', async () => {
    const { services, db } = await createTestServices();
    const summary = await services.ingest.ingestFiles([fixturePath('kaggle/arxiv-metadata-oai-snapshot.head200.jsonl')], undefined, {
      dryRun: true,
    });
    expect(summary).toMatchObject({ added: 200, dryRun: true });
    expect(await count(db, 'SELECT count(*) FROM papers')).toBe(0);
  });

  it('imports the demo corpus without any Hugging Face account data', async () => {
    const { services, path, db } = await createTestServices();
    const summary = await services.ingest.importDemoCorpus();
    expect(summary.skipped).toBe(0);
    expect(await services.papers.countPapers()).toBeGreaterThan(3500);
    expect(await count(db, "SELECT count(*) FROM paper_signals WHERE name = 'upvotes'")).toBeGreaterThan(1000);
    const stored = await storedText(db, path);
    expect(stored).toContain((await db.value<string>('SELECT id FROM papers ORDER BY seq LIMIT 1'))!);
    expect(stored.includes('avatarUrl')).toBe(false);
  });
});

describe('bad input', () => {
  function writeBadBatch(): string {
    const path = join(tempDir(), 'mixed.jsonl');
    const good = (id: string, title = `Paper ${id}`) => JSON.stringify({ id, title, abstract: 'Fine.', authors: ['A. Author'] });
    const lines = [
      good('r1'),
      '{"id": "r2", "title": "cut off',
      JSON.stringify({ id: 'r3', abstract: 'no title' }),
      JSON.stringify({ id: 'r4', title: 'Huge', abstract: 'x'.repeat(10 * 2 ** 20) }),
      JSON.stringify({
        id: 'r5',
        title: '<b>Bold</b> claims about Schr\\"odinger &amp; <script>alert(1)</script>co',
        abstract: '<p>Uses $\\alpha<\\beta$.</p>',
      }),
      good('r6', 'First copy'),
      good('r6', 'Second copy'),
      '',
      '[1, 2, 3]',
      good('r7'),
    ];
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  }

  it('skips each broken line with its location and reason and keeps the rest', async () => {
    const { services } = await createTestServices();
    const path = writeBadBatch();
    const summary = await services.ingest.ingestFiles([path], 'jsonl');
    expect(summary).toMatchObject({ added: 4, updated: 1, skipped: 4, duplicates: 1 });
    expect(summary.skippedRecords).toEqual([
      { at: `${path}:2`, reason: expect.stringMatching(/^invalid JSON: /) },
      { at: `${path}:3`, reason: 'paper has no title' },
      { at: `${path}:4`, reason: 'abstract is 10,485,760 characters (limit 100,000)' },
      { at: `${path}:9`, reason: 'record is not a JSON object' },
    ]);
    expect(await services.papers.getPaper('jsonl:r5')).toMatchObject({
      title: 'Bold claims about Schrödinger & co',
      abstract: 'Uses $\\alpha<\\beta$.',
    });
    expect((await services.papers.getPaper('jsonl:r6'))?.title).toBe('Second copy');
    expect(await services.papers.getPaper('jsonl:r7')).not.toBeNull();
  });

  it('writes nothing from a truncated XML file and goes on with the next file', async () => {
    const { services } = await createTestServices();
    const truncated = join(tempDir(), 'page.xml');
    const xml = readFileSync(fixturePath('arxiv-api/q_testing_s0_m10.xml'), 'utf8');
    writeFileSync(truncated, xml.slice(0, Math.floor(xml.length * 0.8)));
    const summary = await services.ingest.ingestFiles([truncated, fixturePath('arxiv-api/q_testing_s10_m10.xml')], undefined);
    expect(summary.skippedRecords).toEqual([
      { at: truncated, reason: expect.stringMatching(/^arXiv API response is not well-formed XML: /) },
    ]);
    expect(summary.added).toBe(10);
    expect(await services.papers.countPapers()).toBe(10);
  });

  it('names an unknown format and suggests --format', async () => {
    const { services } = await createTestServices();
    const path = join(tempDir(), 'notes.txt');
    writeFileSync(path, 'just some notes\n');
    const summary = await services.ingest.ingestFiles([path], undefined);
    expect(summary.skippedRecords[0]?.reason).toMatch(/cannot tell the format of .*notes\.txt.*--format/);
  });

  it('skips alone a record the database refuses, and stores the rest of its batch', async () => {
    const { services, db } = await createTestServices();
    await refuseInserts(db, 'papers', "new.id = 'jsonl:r2'", 'refused by test');
    const path = join(tempDir(), 'three.jsonl');
    writeFileSync(path, ['r1', 'r2', 'r3'].map((id) => JSON.stringify({ id, title: id })).join('\n'));
    const summary = await services.ingest.ingestFiles([path], 'jsonl');
    expect(summary).toMatchObject({ added: 2, skipped: 1, skippedRecords: [{ at: `${path}:2`, reason: 'not stored: refused by test' }] });
    expect(await count(db, 'SELECT count(*) FROM papers')).toBe(2);
    expect(await count(db, 'SELECT count(*) FROM paper_sources')).toBe(2);
  });
});
