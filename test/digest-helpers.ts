// A hub for digest tests: a small corpus written for them (papers of known
// days, categories and authors, and a real day of Hugging Face papers for
// trending), a clock the test moves, a real SMTP server, and readers set up
// as a confirmed subscription would leave them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/open.ts';
import { createServices, type Services } from '../src/services.ts';
import { createApp, type WebApp } from '../src/web/app.ts';
import { createAccountStore } from '../src/db/accounts-store.ts';
import { createDigestStore } from '../src/db/digest-store.ts';
import { DEFAULT_PREFERENCES, type Follow, type Preferences } from '../src/domain/digest-preferences.ts';
import { fixturePath, tempDir } from './helpers.ts';
import { testDatabaseUrl } from './test-database.ts';

export const SITE = 'https://papers.example.org';

interface CorpusPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  published: string;
}

/** Papers of 2026-08-17 to 2026-08-20 (a Monday to a Thursday) and two of July, in cs.SD and cs.LG. */
export function digestCorpus(): CorpusPaper[] {
  const papers: CorpusPaper[] = [];
  for (let n = 1; n <= 12; n++)
    papers.push({
      id: `2608.${String(10000 + n)}`,
      title: n <= 4 ? `Neural audio codec number ${n} with $\\alpha$ quantisers` : `Speech enhancement study ${n}`,
      abstract: `We study ${n <= 4 ? 'a neural audio codec' : 'speech enhancement'} on many benchmarks. It improves quality at low bitrates and is ${'very '.repeat(n)}fast.`,
      authors:
        n === 5 ? ['Grace Hopper', 'Ada Lovelace'] : [`Author ${n}`, 'Second Author', 'Third Author', 'Fourth Author', 'Fifth Author'],
      categories: ['cs.SD', 'eess.AS'],
      published: `2026-08-${String(17 + (n % 4)).padStart(2, '0')}`,
    });
  for (let n = 1; n <= 6; n++)
    papers.push({
      id: `2608.${String(20000 + n)}`,
      title: `Graph learning result ${n}`,
      abstract: 'A graph neural network result about message passing.',
      authors: [`Graph Author ${n}`],
      categories: ['cs.LG'],
      published: '2026-08-19',
    });
  papers.push(
    {
      id: '2607.00001',
      title: 'An older neural audio codec',
      abstract: 'Older.',
      authors: ['Old Author'],
      categories: ['cs.SD'],
      published: '2026-07-01',
    },
    {
      id: '2607.00002',
      title: 'Another older codec paper',
      abstract: 'Older.',
      authors: ['Ada Lovelace'],
      categories: ['cs.SD'],
      published: '2026-07-02',
    },
  );
  return papers;
}

export interface DigestHub {
  services: Services;
  app: WebApp;
  db: Db;
  path: string;
  /** The test's clock: move it with `clock.now = …`. */
  clock: { now: number };
  /** Log lines written by the hub, parsed. */
  logs: Record<string, unknown>[];
  addReader(email: string, terms?: Partial<Preferences>, follows?: Follow[]): Promise<number>;
  close(): Promise<void>;
}

export async function createDigestHub(
  env: Record<string, string>,
  options: { now?: string; path?: string; corpus?: boolean } = {},
): Promise<DigestHub> {
  const path = options.path ?? join(tempDir(), 'digest.db');
  const clock = { now: Date.parse(options.now ?? '2026-08-20T12:00:00Z') };
  const config = loadConfig({ DATABASE_URL: await testDatabaseUrl(path), PUBLIC_URL: SITE, ADMIN_EMAILS: 'admin@example.org', ...env });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const db = await openDatabase(config.databaseUrl);
  const services = await createServices(config, db, pino({ level: 'info' }, sink), { now: () => clock.now });
  if (options.corpus !== false) {
    const file = join(tempDir(), 'corpus.jsonl');
    writeFileSync(
      file,
      digestCorpus()
        .map((paper) => JSON.stringify(paper))
        .join('\n'),
    );
    await services.ingest.ingestFiles([file], 'jsonl');
    await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
    await services.trending.computeTrending();
  }
  const accounts = createAccountStore(db);
  const digests = createDigestStore(db);
  return {
    services,
    app: createApp(services),
    db,
    path,
    clock,
    logs,
    async addReader(email, terms = {}, follows = []) {
      const at = new Date(clock.now - 30 * 86_400_000).toISOString();
      const account = await accounts.accountFor(email, at);
      await digests.subscribe(account.id, at);
      await digests.updatePreferences(account.id, { ...DEFAULT_PREFERENCES, ...terms }, at);
      for (const follow of follows) await digests.follow(account.id, follow, at, 50);
      return account.id;
    },
    close: () => services.close(),
  };
}

/** A digest's rows as stored: status, edition, attempts, error. */
export async function digestRows(
  db: Db,
): Promise<{ accountId: number; edition: string; status: string; attempts: number; error: string | null; createdAt: string }[]> {
  return db.all(
    'SELECT account_id AS "accountId", edition, status, attempts, error, created_at AS "createdAt" FROM digests ORDER BY account_id, edition',
  );
}

/** The links of a digest's text part, by label. */
export function linksOf(text: string): { preferences: string; unsubscribe: string; view: string } {
  const find = (pattern: RegExp) => pattern.exec(text)?.[1] ?? '';
  return {
    view: find(/View in the browser: (\S+)/),
    preferences: find(/Change what you get, how often and when: (\S+)/),
    unsubscribe: find(/Unsubscribe: (\S+)/),
  };
}
