// The paperboy command as a user runs it: real process, real SQLite file.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixturePath, tempDir } from './helpers.ts';
import { openDatabase } from '../src/db/open.ts';
import { testDatabaseUrl } from './test-database.ts';

const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));

async function freePort(): Promise<number> {
  const probe = createServer().listen(0);
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function paperboy(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, DATABASE_URL: `sqlite:${join(tempDir(), 'cli.db')}`, LOG_LEVEL: 'warn', ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('paperboy CLI', () => {
  it('prints help for the tool and for every verb', async () => {
    const help = paperboy(['--help']);
    expect(help.code).toBe(0);
    for (const verb of ['serve', 'ingest', 'search', 'similar', 'embed', 'digest', 'stats', 'migrate', 'config']) {
      expect(help.out).toContain(verb);
      const verbHelp = paperboy([verb, '--help']);
      expect(verbHelp.code, verb).toBe(0);
      expect(verbHelp.out).toMatch(new RegExp(`Usage: paperboy ${verb}`));
    }
  });

  it('exits 2 on usage and configuration errors, with a message', async () => {
    expect(paperboy([])).toMatchObject({ code: 2 });
    expect(paperboy(['frobnicate'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown verb "frobnicate"') });
    expect(paperboy(['ingest', 'file', 'x.jsonl', '--bogus'])).toMatchObject({
      code: 2,
      err: expect.stringContaining("Unknown option '--bogus'"),
    });
    expect(paperboy(['ingest', 'arxiv-oai', '--from', 'yesterday'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--from must be a date like 2026-11-28'),
    });
    expect(paperboy(['ingest', 'file', 'x', '--format', 'csv'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--format must be one of'),
    });
    expect(paperboy(['ingest', 'nowhere'])).toMatchObject({ code: 2, err: expect.stringContaining('ingest needs a SOURCE') });
    expect(paperboy(['stats'], { PORT: 'eighty' })).toMatchObject({
      code: 2,
      err: expect.stringContaining('config PORT="eighty" is not valid'),
    });
    expect(paperboy(['embed'])).toMatchObject({ code: 2, err: expect.stringContaining('no embedding model is configured') });
  });

  it('ingests, summarises, exits 1 when records were skipped, and reports stats', async () => {
    const db = await testDatabaseUrl(join(tempDir(), 'cli.db'));
    const bad = join(tempDir(), 'bad.jsonl');
    writeFileSync(bad, '{"id": "x1", "title": "Fine"}\nnot json\n');
    const run = paperboy(['ingest', 'file', fixturePath('kaggle/arxiv-metadata-oai-snapshot.head200.jsonl'), bad], { DATABASE_URL: db });
    expect(run.code).toBe(1);
    expect(run.out).toContain('added 201, updated 0, unchanged 0, skipped 1');
    expect(run.out).toContain(`skipped ${bad}:2: invalid JSON`);
    const again = paperboy(['ingest', 'file', fixturePath('kaggle/arxiv-metadata-oai-snapshot.head200.jsonl')], { DATABASE_URL: db });
    expect(again).toMatchObject({ code: 0, out: 'added 0, updated 0, unchanged 200, skipped 0\n' });
    const stats = paperboy(['stats', '--json'], { DATABASE_URL: db });
    expect(JSON.parse(stats.out)).toMatchObject({ papers: 201, bySource: { kaggle: 200, jsonl: 1 } });
  });

  it('leaves malformed categories and DOIs out of the papers it stores, and says where', async () => {
    const db = await testDatabaseUrl(join(tempDir(), 'cli.db'));
    const file = join(tempDir(), 'odd.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ id: 'r1', title: 'Fine', categories: ['cs.LG', 'cs.LG}, note = {x'] })}\n${JSON.stringify({ id: 'r2', title: 'Odd DOI', doi: '10.1/x}' })}\n`,
    );
    const run = paperboy(['ingest', 'file', file], { DATABASE_URL: db });
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toBe(
      `added 2, updated 0, unchanged 0, skipped 0\nat ${file}:1: category "cs.LG}, note = {x" is not an arXiv category like cs.LG; left out\nat ${file}:2: DOI "10.1/x}" is not a DOI like 10.1145/3580305.3599256; left out\n`,
    );
    expect(JSON.parse(paperboy(['stats', '--json'], { DATABASE_URL: db }).out)).toMatchObject({ papers: 2 });
  });

  it('searches and lists similar papers', async () => {
    const db = await testDatabaseUrl(join(tempDir(), 'cli.db'));
    paperboy(['ingest', 'file', fixturePath('arxiv-api/q_testing_s0_m10.xml'), fixturePath('arxiv-api/q_testing_s10_m10.xml')], {
      DATABASE_URL: db,
    });
    const found = paperboy(['search', 'metamorphic', 'mutation', 'combinatorial', '--limit', '1'], { DATABASE_URL: db });
    expect(found.code).toBe(0);
    expect(found.out).toMatch(
      /^ 1\. Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques\n {4}2202\.12139 · /,
    );
    expect(found.out).toMatch(/\nmore: --cursor \S+\n$/);
    const json = JSON.parse(paperboy(['search', 'metamorphic', 'mutation', 'combinatorial', '--json'], { DATABASE_URL: db }).out);
    expect(json.hits[0]).toMatchObject({ id: '2202.12139', titleHtml: expect.any(String) });
    const similar = paperboy(['similar', '2202.12139', '--limit', '3'], { DATABASE_URL: db });
    expect(similar.code).toBe(0);
    expect(similar.out.match(/^ {0,1}\d\. /gm)).toHaveLength(3);
    expect(paperboy(['similar', '9999.99999'], { DATABASE_URL: db })).toMatchObject({
      code: 2,
      err: expect.stringContaining('no paper 9999.99999'),
    });
    expect(paperboy(['search', 'x', '--sort', 'best'], { DATABASE_URL: db })).toMatchObject({
      code: 2,
      err: expect.stringContaining('--sort must be one of relevance, newest, trending'),
    });
  });

  it('writes nothing with --dry-run', async () => {
    const db = await testDatabaseUrl(join(tempDir(), 'cli.db'));
    expect(paperboy(['ingest', 'file', fixturePath('hf-daily/2026-08-21.json'), '--dry-run'], { DATABASE_URL: db }).out).toContain(
      'dry run (nothing written): added 17',
    );
    expect(paperboy(['stats'], { DATABASE_URL: db }).out).toMatch(/papers\s+0\n/);
  });

  it('migrates once and prints the config with secrets redacted', async () => {
    const db = await testDatabaseUrl(join(tempDir(), 'cli.db'), { empty: true });
    expect(paperboy(['migrate'], { DATABASE_URL: db }).out).toBe(
      'applied 0001_papers, 0002_vectors, 0003_vectors_by_time, 0004_lexicon, 0005_accounts, 0006_library, 0007_hidden_papers, 0008_freshness, 0009_digests, 0010_reader_choices, 0011_arxiv_lookups, 0012_paper_authors, 0013_papers_by_day, 0014_recommendations, 0015_hub_secrets, 0016_compressed_postings, 0017_record_hashes, 0018_author_keys, 0019_packed_abstracts, 0020_postings_in_parts, 0021_inserts_queued_by_writer, 0022_term_packs, 0023_newest_order, 0024_filter_keys, 0025_date_keys\n',
    );
    expect(paperboy(['migrate'], { DATABASE_URL: db }).out).toBe('database is up to date\n');
    const config = paperboy(['config'], {
      USER_AGENT: 'lab-hub (mailto:ops@lab.example)',
      EMBEDDINGS_API_KEY: 'sk-very-secret',
      SECRET_KEY: 'a-signing-key-of-at-least-32-characters',
    });
    expect(config.code).toBe(0);
    expect(config.out).toMatch(/^PORT\s+8080$/m);
    expect(config.out).toMatch(/^USER_AGENT\s+lab-hub \(mailto:ops@lab.example\)$/m);
    expect(config.out).toMatch(/^EMBEDDINGS_API_KEY\s+\*\*\*$/m);
    expect(config.out).not.toContain('sk-very-secret');
    expect(config.out).toMatch(/^SECRET_KEY\s+\*\*\*$/m);
    expect(config.out).not.toContain('a-signing-key');
  });

  it('serves the pages from any working directory, and stops cleanly on SIGTERM', async () => {
    const db = await testDatabaseUrl(join(tempDir(), 'cli.db'));
    paperboy(['ingest', 'file', fixturePath('arxiv-api/q_testing_s0_m10.xml')], { DATABASE_URL: db });
    const port = await freePort();
    const server = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
      cwd: tempDir(),
      env: { PATH: process.env.PATH, DATABASE_URL: db, LOG_LEVEL: 'warn', WEB_WORKERS: '2' },
    });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      server.stderr.on('data', (chunk) => (stderr += chunk) && stderr.includes('serving on') && resolve());
      server.once('exit', () => reject(new Error(`serve exited: ${stderr}`)));
    });
    expect(stderr).toContain(`paperboy is serving on http://localhost:${port} (2 worker processes)`);
    const url = `http://localhost:${port}`;
    const home = await fetch(`${url}/search?q=metamorphic`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<mark>');
    expect((await fetch(`${url}/status`)).status).toBe(200);
    server.kill('SIGTERM');
    const [code] = await once(server, 'exit');
    expect(code).toBe(0);
  });

  it('serves without the scheduled jobs (--no-jobs), and a worker runs them until SIGTERM', async () => {
    const url = await testDatabaseUrl(join(tempDir(), 'jobs.db'));
    paperboy(['ingest', 'file', fixturePath('hf-daily/2026-08-21.json')], { DATABASE_URL: url });
    const env = { PATH: process.env.PATH, DATABASE_URL: url, LOG_LEVEL: 'warn', WEB_WORKERS: '1', ARXIV_FILL_EVERY_MINUTES: '0' };
    const started = async (args: string[], says: string) => {
      const child = spawn(process.execPath, [BIN, ...args], { env });
      let stderr = '';
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk) => (stderr += chunk) && stderr.includes(says) && resolve());
        child.once('exit', () => reject(new Error(`${args[0]} exited: ${stderr}`)));
      });
      return child;
    };
    const db = await openDatabase(url);
    const finishedJobs = () => db.column<string>('SELECT name FROM job_leases WHERE last_finished_at IS NOT NULL ORDER BY name');
    const port = await freePort();
    const server = await started(['serve', '--no-jobs', '--port', String(port)], 'serving on');
    expect((await fetch(`http://localhost:${port}/`)).status).toBe(200);
    expect(await db.value('SELECT count(*) FROM job_leases')).toBe(0);
    const worker = await started(['worker'], 'paperboy worker is running the scheduled jobs');
    for (const deadline = Date.now() + 30_000; !(await finishedJobs()).includes('trending') && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await finishedJobs()).toEqual(['forget-expired-links', 'trending']);
    expect(await db.column('SELECT last_error FROM job_leases')).toEqual([null, null]);
    for (const child of [worker, server]) {
      child.kill('SIGTERM');
      expect((await once(child, 'exit'))[0]).toBe(0);
    }
    await db.close();
  });

  it('says plainly when the port is taken, in one process or several, and leaves no process behind', async () => {
    const taken = createServer().listen(0);
    await once(taken, 'listening');
    const { port } = taken.address() as AddressInfo;
    for (const workers of ['1', '2']) {
      const result = paperboy(['serve', '--port', String(port)], { WEB_WORKERS: workers, DEMO_CORPUS: 'false' });
      expect(result.code, `WEB_WORKERS=${workers}`).toBe(3);
      expect(result.err).toContain(`port ${port} is already in use; set PORT or pass --port`);
    }
    taken.close();
  });
});
