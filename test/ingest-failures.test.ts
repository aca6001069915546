// When the database itself fails during an ingest (disk full, read-only file),
// the run stops with a plain message and exit 3, keeps what it saved and counts
// nothing as skipped; running again finishes the job. Two ingests into one
// database at once both finish, with every paper. Broken files are reported by
// name while the others are read.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openDatabase, type Db } from '../src/db/open.ts';
import { sqliteDatabase, sqliteHandle } from '../src/db/sqlite-sql.ts';
import { createServices } from '../src/services.ts';
import { runCli } from '../src/cli/index.ts';
import { classifyDatabaseError } from '../src/db/storage-errors.ts';
import type { CliContext } from '../src/cli/command.ts';
import { createSqliteServices, createTestServices, fixturePath, tempDir } from './helpers.ts';
import { testDatabaseUrl } from './test-database.ts';

const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));
const DEMO_PAPERS = fileURLToPath(new URL('../demo/papers.jsonl.gz', import.meta.url));
const DEMO_HF = fileURLToPath(new URL('../demo/hf-daily.json.gz', import.meta.url));

/** Text written to a stream, for the CLI's output. */
function sink() {
  let text = '';
  return { stream: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream, text: () => text };
}

/** `paperboy ARGS` in this process, on services of the given database connection. */
async function cliOn(db: Db, args: string[]) {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:' });
  const log = createLogger('silent');
  const [out, err] = [sink(), sink()];
  const context: CliContext = {
    config,
    log,
    services: () => createServices(config, db, log),
    explainError: classifyDatabaseError,
    serve: async () => {},
    runJobs: async () => {},
    out: out.stream,
    err: err.stream,
  };
  const code = await runCli(args, () => context, out.stream as typeof process.stdout, err.stream as typeof process.stderr);
  return { code, out: out.text(), err: err.text() };
}

async function paperCount(databaseUrl: string): Promise<number> {
  const db = await openDatabase(databaseUrl);
  try {
    return (await db.value<number>('SELECT count(*) FROM papers'))!;
  } finally {
    await db.close();
  }
}

/** The papers and the ranking index, as one comparable value. */
async function contents(path: string): Promise<unknown> {
  const db = await openDatabase(`sqlite:${path}`);
  try {
    return {
      papers: await db.all('SELECT id, title, abstract, authors, content_hash FROM papers ORDER BY id'),
      indexed: await db.value('SELECT count(*) FROM lexicon_papers'),
      pending: await db.value('SELECT count(*) FROM lexicon_pending'),
    };
  } finally {
    await db.close();
  }
}

async function paperboy(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const [code] = await once(child, 'exit');
  return { code: code as number, out, err };
}

// How a SQLite file fails (full, read-only): PostgreSQL's failures are classified by SQLSTATE (db/storage-errors.ts).
describe('an ingest whose SQLite database fails', () => {
  it(
    'stops on a full disk with exit 3 and a plain message, keeps what it saved, and a rerun finishes the same as one run',
    { timeout: 120_000 },
    async () => {
      const path = join(tempDir(), 'full.db');
      const { services, db } = await createSqliteServices({}, path);
      await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
      const pages = sqliteHandle(db).pragma('page_count', { simple: true }) as number;
      const pageSize = sqliteHandle(db).pragma('page_size', { simple: true }) as number;
      // SQLite's own limit on the file's size (6 MB more, half the demo): writes past it fail with SQLITE_FULL, as on a full disk.
      sqliteHandle(db).pragma(`max_page_count = ${pages + (6 * 2 ** 20) / pageSize}`);
      const run = await cliOn(db, ['ingest', 'demo']);
      expect(run.code).toBe(3);
      expect(run.err).toMatch(
        /^paperboy ingest: the disk is full: [\d,]+ papers were saved before it \(\d+ added, \d+ updated\); run the same command again to go on\n$/,
      );
      expect(run.out).toBe('');
      const saved = await paperCount(`sqlite:${path}`);
      expect(saved).toBeGreaterThan(17);
      sqliteHandle(db).pragma('max_page_count = 1073741823');
      const rerun = await cliOn(db, ['ingest', 'demo']);
      expect(rerun.code).toBe(0);
      expect(rerun.out, rerun.out).toMatch(/skipped 0\n/);
      await db.close();

      const once = join(tempDir(), 'once.db');
      const fresh = await createSqliteServices({}, once);
      await fresh.services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
      await fresh.services.ingest.importDemoCorpus();
      await fresh.db.close();
      expect(await contents(path)).toEqual(await contents(once));
    },
  );

  it('says a read-only database is read-only, with exit 3, and counts nothing as skipped', async () => {
    const path = join(tempDir(), 'ro.db');
    await (await createSqliteServices({}, path)).db.close();
    const raw = new Database(path, { readonly: true });
    sqliteVec.load(raw);
    const readOnly = sqliteDatabase(raw);
    const run = await cliOn(readOnly, ['ingest', 'file', fixturePath('hf-daily/2026-08-21.json')]);
    expect(run).toEqual({
      code: 3,
      out: '',
      err: 'paperboy ingest: the database file is read-only (check the permissions of the file and its folder): 0 papers were saved before it (0 added, 0 updated); run the same command again to go on\n',
    });
    await readOnly.close();
  });
});

describe('two ingests into one database at once', () => {
  it('both finish, waiting their turn, with every paper stored', { timeout: 180_000 }, async () => {
    const together = await testDatabaseUrl(join(tempDir(), 'together.db'), { empty: true });
    // Migrated first, as serve or a first ingest would have done.
    expect((await paperboy(['migrate'], { DATABASE_URL: together })).code).toBe(0);
    const runs = await Promise.all([
      paperboy(['ingest', 'file', DEMO_PAPERS], { DATABASE_URL: together }),
      paperboy(['ingest', 'file', DEMO_HF, fixturePath('kaggle/arxiv-metadata-oai-snapshot.head200.jsonl')], { DATABASE_URL: together }),
    ]);
    for (const run of runs) expect(run, run.err).toMatchObject({ code: 0, err: '' });
    const apart = join(tempDir(), 'apart.db');
    const sequential = await createTestServices({}, apart);
    await sequential.services.ingest.ingestFiles(
      [DEMO_PAPERS, DEMO_HF, fixturePath('kaggle/arxiv-metadata-oai-snapshot.head200.jsonl')],
      undefined,
    );
    await sequential.db.close();
    expect(await paperCount(together)).toBe(await paperCount(await testDatabaseUrl(apart)));
  });
});

describe('broken files among several', () => {
  it('reports a corrupt and a truncated .gz by name, keeps what the truncated one held, and reads the others', async () => {
    const dir = tempDir();
    const lines = readFileSync(fixturePath('kaggle/arxiv-metadata-oai-snapshot.head200.jsonl'));
    const corrupt = join(dir, 'corrupt.jsonl.gz');
    const truncated = join(dir, 'truncated.jsonl.gz');
    writeFileSync(corrupt, Buffer.from('1f8b0800000000000003not deflate at all', 'hex'));
    writeFileSync(truncated, gzipSync(lines).subarray(0, 20_000));
    const good = join(dir, 'good.json');
    copyFileSync(fixturePath('hf-daily/2026-08-21.json'), good);
    const { services } = await createTestServices();
    const summary = await services.ingest.ingestFiles([corrupt, truncated, good], undefined);
    expect(summary.skippedRecords.map((skip) => skip.at)).toEqual([corrupt, truncated]);
    expect(summary.skippedRecords[1]!.reason).toMatch(
      /^the file ends too early \(a truncated \.gz\?\) after \d+ records; those were read, the rest of the file was not$/,
    );
    const keptFromTruncated = Number(/after (\d+) records/.exec(summary.skippedRecords[1]!.reason)![1]);
    expect(keptFromTruncated).toBeGreaterThan(10);
    expect(summary.added).toBe(keptFromTruncated + 17);
    expect(summary.skippedRecords.map((skip) => skip.reason).join('\n')).not.toMatch(/\n\s+at /);
  });
});

describe('a dry run', () => {
  it('creates no database file, and migrates none', async () => {
    const path = join(tempDir(), 'never.db');
    const run = await paperboy(['ingest', 'file', fixturePath('hf-daily/2026-08-21.json'), '--dry-run'], {
      DATABASE_URL: `sqlite:${path}`,
    });
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toContain('dry run (nothing written): added 17');
    expect(existsSync(path)).toBe(false);

    const old = join(tempDir(), 'old.db');
    const db = await openDatabase(`sqlite:${old}`);
    await db.script('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    await db.close();
    const refused = await paperboy(['ingest', 'file', fixturePath('hf-daily/2026-08-21.json'), '--dry-run'], {
      DATABASE_URL: `sqlite:${old}`,
    });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('needs migrations (0001_papers,');
    expect(refused.err).toContain('run "paperboy migrate" first');
    const check = await openDatabase(`sqlite:${old}`);
    expect(await check.column("SELECT name FROM sqlite_master WHERE type = 'table'")).toEqual(['schema_migrations']);
    await check.close();
  });
});
