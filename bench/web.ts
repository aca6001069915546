// npm run bench:web — the web app on loopback over the 74,728 real papers of
// the arXiv CS listing crawl (plus the demo's Hugging Face days, for
// trending), loaded by autocannon: 50 connections for 10 s per route, after a
// warm-up. The server is "paperboy serve" itself, in its own processes; it
// runs as configured by default, then with the search cache off (every search
// and similar-paper list computed afresh), then as one process. A static file
// from the same server is the ceiling every route is compared with. Pages are
// measured signed out and signed in, as a reader who signed in through a real
// mail (an SMTP server on loopback), voted for VOTES papers and saved as many.
// Last, the default server again on PostgreSQL: the same database (reader
// included) copied by `db copy` onto a server the benchmark starts.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SHARED_DATA, machine, printTable, requireData, writeResult } from './lib/report.ts';
import { createTestServices, tempDir } from '../test/helpers.ts';
import { startSmtpServer, type TestSmtpServer } from '../test/smtp-server.ts';
import { WebClient } from '../test/web-client.ts';
import { DEMO_FILES } from '../src/ingest/ingest.ts';
import { copyDatabase } from '../src/services.ts';
import { startBenchPostgres } from './lib/postgres.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
/** Long enough for every path of the rotation to reach each worker process once, so that caches are in their steady state. */
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 10);
const ROTATION = 500;
/** Votes of the signed-in reader: each listed card shows whether the reader voted for it. */
const VOTES = 500;
const TARGETS = { 'search page': { requests: 1_500, p99Ms: 100 }, 'paper page': { requests: 3_000, p99Ms: null } } as const;
/** On PostgreSQL: the search page at 1,000 requests a second. */
const POSTGRES_TARGET = { route: 'search page', requests: 1_000 };

interface RouteResult {
  route: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  relativeToStatic: number;
}

interface Corpus {
  path: string;
  queries: string[];
  paperIds: string[];
  /** Days with papers and authors, taken from the same rotation of papers. */
  days: string[];
  authors: string[];
}

async function buildDatabase(): Promise<Corpus> {
  const dir = requireData(join(SHARED_DATA, 'arxiv-cs-daily-listings'), 'the 74,728-paper arXiv CS listing crawl');
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl.gz'))
    .sort()
    .map((file) => join(dir, file));
  const path = join(tempDir(), 'web.db');
  const { services, db } = await createTestServices({}, path);
  console.log('importing the corpus…');
  const summary = await services.ingest.ingestFiles(files, 'arxiv-listing');
  await services.ingest.ingestFiles([DEMO_FILES[1]!], undefined);
  console.log(`${summary.added.toLocaleString('en')} papers`);
  const rows = (
    await db.all<{ id: string; title: string; day: string | null; authors: string }>(
      'SELECT id, title, substr(published_at, 1, 10) AS day, authors FROM papers ORDER BY id',
    )
  ).map((row) => [row.id, row.title, row.day, row.authors] as const);
  const picked = spread(rows, ROTATION);
  await services.close();
  return {
    path,
    paperIds: picked.map(([id]) => id),
    queries: picked.map(([, title]) => queryFrom(title)),
    days: [...new Set(picked.flatMap(([, , day]) => (day ? [day] : [])))],
    authors: picked.flatMap(([, , , authors]) => (JSON.parse(authors) as string[]).filter((name) => /\p{L}/u.test(name)).slice(0, 1)),
  };
}

/** Evenly spaced rows, so the rotation covers the whole corpus. */
function spread<T>(rows: T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => rows[Math.floor((i * rows.length) / count)]!);
}

/** Two or three longer words of a title: what people type. */
function queryFrom(title: string): string {
  const words = title.toLowerCase().match(/[a-z]{5,}/g) ?? ['learning'];
  return words.slice(0, 2 + (title.length % 2)).join(' ');
}

const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(path: string, env: Record<string, string>): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
    env: { PATH: process.env.PATH, DATABASE_URL: `sqlite:${path}`, HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_CORPUS: 'false', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk) && stderr.includes('serving on') && resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { port, stop: () => (child.kill('SIGTERM'), stopped) };
}

async function load(port: number, paths: string[], duration: number, cookie: string | null): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration,
    headers: cookie ? { cookie } : {},
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
}

/**
 * Signs a reader in through the mailed link, votes for VOTES papers and saves as many to the
 * reading list (once: the session, votes and library stay in the database for the next servers);
 * returns the reader's Cookie header.
 */
async function signedInReader(port: number, smtp: TestSmtpServer, paperIds: string[]): Promise<string> {
  const client = new WebClient((path, init) => fetch(`http://127.0.0.1:${port}${path}`, init));
  await client.signIn(smtp, 'reader@example.org');
  for (const id of paperIds.slice(0, VOTES)) {
    const voted = await client.postJson(`/api/papers/${id}/vote`, { voted: true });
    if (voted.status !== 200) throw new Error(`voting answered ${voted.status}: ${await voted.text()}`);
  }
  const library = (await (await client.request('/api/library')).json()) as { collections: { id: number; isDefault: boolean }[] };
  const readingList = library.collections.find((collection) => collection.isDefault)!.id;
  for (const id of paperIds.slice(0, VOTES)) {
    const saved = await client.postJson(`/api/library/${readingList}/papers`, { paperId: id });
    if (saved.status !== 201) throw new Error(`saving answered ${saved.status}: ${await saved.text()}`);
  }
  return [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Server configurations compared: as shipped, without the search cache, in one process. */
const VARIANTS: Record<string, Record<string, string>> = {
  default: {},
  'cache off': { SEARCH_CACHE_SIZE: '0' },
  'one process': { WEB_WORKERS: '1' },
};

function routesOf(css: string, corpus: Corpus): Record<string, string[]> {
  const { queries, paperIds } = corpus;
  return {
    'static file': [css],
    home: ['/'],
    'daily page': corpus.days.map((day) => `/daily/${day}`),
    'search page': queries.map((query) => `/search?q=${encodeURIComponent(query)}`),
    'paper page': paperIds.map((id) => `/papers/${id}`),
    'author page': corpus.authors.map((name) => `/authors/${encodeURIComponent(name)}`),
    'API search': queries.map((query) => `/api/papers?q=${encodeURIComponent(query)}`),
  };
}

/** The pages whose cards carry vote and save buttons, as the signed-in reader sees them. */
const SIGNED_IN_ROUTES = ['home', 'daily page', 'search page', 'paper page', 'author page'];

interface Setup extends Corpus {
  smtp: TestSmtpServer;
  /** The signed-in reader's cookies, once signed in. */
  cookie: string | null;
}

async function runVariant(name: string, env: Record<string, string>, setup: Setup): Promise<RouteResult[]> {
  const server = await startServer(setup.path, { ...env, SMTP_URL: setup.smtp.url });
  setup.cookie ??= await signedInReader(server.port, setup.smtp, setup.paperIds);
  const home = await (await fetch(`http://127.0.0.1:${server.port}/`)).text();
  const css = /href="(\/static\/app\.css\?v=[^"]+)"/.exec(home)![1]!;
  const routes = Object.entries(routesOf(css, setup));
  const runs = [
    ...routes.map(([route, paths]) => ({ route, paths, cookie: null })),
    ...routes
      .filter(([route]) => SIGNED_IN_ROUTES.includes(route))
      .map(([route, paths]) => ({ route: `${route}, signed in`, paths, cookie: setup.cookie })),
  ];
  const results: RouteResult[] = [];
  for (const { route, paths, cookie } of runs) {
    await load(server.port, paths, WARMUP_S, cookie);
    const run = await load(server.port, paths, DURATION_S, cookie);
    const result = {
      route,
      requestsPerSecond: Math.round(run.requests.average),
      p50Ms: run.latency.p50,
      p99Ms: run.latency.p99,
      errors: run.errors + run.timeouts,
      non2xx: run.non2xx,
      relativeToStatic: 0,
    };
    results.push(result);
    console.log(`${name}, ${route}: ${result.requestsPerSecond} requests/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
  }
  await server.stop();
  const ceiling = results[0]!.requestsPerSecond;
  for (const result of results) result.relativeToStatic = Number((result.requestsPerSecond / ceiling).toFixed(3));
  return results;
}

async function main(): Promise<void> {
  const setup: Setup = { ...(await buildDatabase()), smtp: await startSmtpServer(), cookie: null };
  const variants: Record<string, RouteResult[]> = {};
  for (const [name, env] of Object.entries(VARIANTS)) variants[name] = await runVariant(name, env, setup);
  const postgres = await startBenchPostgres();
  console.log('copying the database into PostgreSQL…');
  const postgresUrl = await postgres.database('web');
  await copyDatabase(`sqlite:${setup.path}`, postgresUrl);
  variants.postgres = await runVariant('postgres', { DATABASE_URL: postgresUrl }, setup);
  postgres.stop();
  await setup.smtp.close();
  printTable(
    Object.entries(variants).flatMap(([name, results]) =>
      results.map((r) => ({
        server: name,
        route: r.route,
        'req/s': r.requestsPerSecond,
        'p50 ms': r.p50Ms,
        'p99 ms': r.p99Ms,
        'errors+non2xx': r.errors + r.non2xx,
        'vs static': `${(r.relativeToStatic * 100).toFixed(1)}%`,
      })),
    ),
  );
  const targets = Object.entries(TARGETS).map(([route, target]): { route: string; requests: number; [key: string]: unknown } => {
    const result = variants.default!.find((r) => r.route === route)!;
    return {
      route,
      requests: target.requests,
      requestsPerSecond: result.requestsPerSecond,
      p99Ms: result.p99Ms,
      targetP99Ms: target.p99Ms,
      met: result.requestsPerSecond >= target.requests && (target.p99Ms === null || result.p99Ms < target.p99Ms),
    };
  });
  const onPostgres = variants.postgres!.find((r) => r.route === POSTGRES_TARGET.route)!;
  targets.push({
    route: `${POSTGRES_TARGET.route} on PostgreSQL`,
    requests: POSTGRES_TARGET.requests,
    requestsPerSecond: onPostgres.requestsPerSecond,
    p99Ms: onPostgres.p99Ms,
    targetP99Ms: null,
    met: onPostgres.requestsPerSecond >= POSTGRES_TARGET.requests,
  });
  for (const target of targets)
    console.log(
      `target ${target.route}: ≥ ${target.requests} req/s${target.targetP99Ms ? `, p99 < ${target.targetP99Ms} ms` : ''}: ${target.met ? 'met' : 'NOT met'}`,
    );
  const file = writeResult('web', {
    machine: machine(),
    connections: CONNECTIONS,
    durationSeconds: DURATION_S,
    rotation: ROTATION,
    signedInVotes: VOTES,
    signedInSaved: VOTES,
    postgresServer: postgres.settings,
    variants,
    targets,
  });
  console.log(`wrote ${file}`);
}

await main();
