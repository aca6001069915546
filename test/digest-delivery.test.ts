// Nothing lost, nothing doubled, with real processes: `paperboy digest send`
// on one SQLite file, sending to a real SMTP server on loopback. Two processes
// send one edition at once; a sender is killed (SIGKILL) at random points of a
// batch, again and again, and started again. Every reader gets their digest;
// a reader gets two copies only when one was in flight at a kill, and both
// carry the same Message-ID.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, recipientOf, type TestSmtpServer } from './smtp-server.ts';
import { createDigestHub, digestRows, SITE } from './digest-helpers.ts';
import { openDatabase } from '../src/db/open.ts';
import { SENDING } from '../src/digest/send.ts';
import type { Preferences } from '../src/domain/digest-preferences.ts';
import { tempDir } from './helpers.ts';
import { testDatabaseUrl } from './test-database.ts';

const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));
const READERS = 40;

let smtp: TestSmtpServer;
let onMessage: (mail: ParsedMail) => Promise<void> | void = () => {};
beforeAll(async () => {
  smtp = await startSmtpServer({ beforeAccepting: (mail) => onMessage(mail) });
});
afterAll(() => smtp.close());

/** A database with READERS subscribers, each due a digest of 2026-08-20 with trending papers (and one of today, by the real clock). */
async function hubFile(prefix: string, terms: Partial<Preferences> = {}): Promise<string> {
  const hub = await createDigestHub({ SMTP_URL: smtp.url });
  for (let n = 0; n < READERS; n++) await hub.addReader(`${prefix}${n}@example.org`, { trending: 'week', maxPapers: 3, ...terms });
  await hub.close();
  return hub.path;
}

function sender(databaseUrl: string, args = ['digest', 'send', '--date', '2026-08-20'], env: Record<string, string> = {}) {
  return spawn(process.execPath, [BIN, ...args], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtp.url,
      PUBLIC_URL: SITE,
      DIGEST_LEASE_SECONDS: '1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `paperboy ARGS` to the end: exit code and output. */
async function paperboy(path: string, args: string[], env: Record<string, string> = {}) {
  const child = sender(await testDatabaseUrl(path), args, env);
  let [out, err] = ['', ''];
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, out, err };
}

const mailsOf = (prefix: string) => smtp.messages.filter((mail) => recipientOf(mail).startsWith(prefix));

function byRecipient(prefix: string): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const mail of mailsOf(prefix)) ids.set(recipientOf(mail), [...(ids.get(recipientOf(mail)) ?? []), mail.messageId ?? '']);
  return ids;
}

describe('paperboy digest and stats', () => {
  it("preview a reader's digest into files, send --dry-run sends nothing, send runs the edition, stats counts it", async () => {
    const path = await hubFile('cli');
    const folder = tempDir();
    const preview = await paperboy(path, ['digest', 'preview', '--email', 'CLI0@example.org', '--date', '2026-08-20', '--out', folder], {
      SMTP_URL: '',
    });
    expect(preview.code, preview.err).toBe(0);
    expect(preview.out).toContain(`wrote ${join(folder, 'digest-2026-08-20.html')}`);
    expect(readFileSync(join(folder, 'digest-2026-08-20.html'), 'utf8')).toContain('#1 trending this week');
    expect(readFileSync(join(folder, 'digest-2026-08-20.txt'), 'utf8')).toContain('Unsubscribe: https://papers.example.org/unsubscribe/');

    const off = await paperboy(path, ['digest', 'send'], { SMTP_URL: '' });
    expect(off.code).toBe(2);
    expect(off.err).toContain('digests are off: set SMTP_URL');
    const unknown = await paperboy(path, ['digest', 'preview', '--email', 'nobody@example.org']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('No reader has the address nobody@example.org');

    const dry = await paperboy(path, ['digest', 'send', '--dry-run', '--date', '2026-08-20']);
    expect(dry.out).toContain(`${READERS} digests due; nothing sent (dry run)`);
    expect(mailsOf('cli')).toHaveLength(0);
    const sent = await paperboy(path, ['digest', 'send', '--email', 'cli3@example.org', '--date', '2026-08-20']);
    expect(sent.out).toContain('run of 1 new digests: sent 1, skipped 0 (nothing new), failed 0, retrying later 0');
    expect(mailsOf('cli').map(recipientOf)).toEqual(['cli3@example.org']);

    const stats = await paperboy(path, ['stats']);
    expect(stats.out).toContain(`readers${' '.repeat(7)}${READERS} confirmed, 0 waiting to confirm, 0 unsubscribed, 0 suspended`);
    expect(stats.out).toMatch(/^digests +1 sent, 0 failed, 0 skipped, 0 pending$/m);
    expect(stats.out).toMatch(/^last run +2026-\d\d-\d\d \d\d:\d\d UTC, 1 readers$/m);
  });
});

describe('sending an edition from several processes', () => {
  it('gives every reader exactly one digest when two processes send the same edition at once', async () => {
    const path = await hubFile('pair');
    const url = await testDatabaseUrl(path);
    const [first, second] = [sender(url), sender(url)];
    const codes = await Promise.all([once(first, 'exit'), once(second, 'exit')]);
    expect(codes.map(([code]) => code)).toEqual([0, 0]);
    const received = byRecipient('pair');
    expect(received.size).toBe(READERS);
    expect([...received.values()].filter((ids) => ids.length !== 1)).toEqual([]);
    const db = await openDatabase(await testDatabaseUrl(path));
    expect((await digestRows(db)).map((row) => row.status)).toEqual(Array(READERS).fill('sent'));
    await db.close();
  });

  it('loses nobody when the sender is killed at random points, and a duplicate keeps its Message-ID', async () => {
    const path = await hubFile('killed');
    const seed = Date.now() % 100_000;
    let random = seed;
    const next = () => (random = (random * 48271) % 2147483647) / 2147483647;
    let kills = 0;
    const url = await testDatabaseUrl(path);
    for (let round = 0; round < 30; round++) {
      const child = sender(url);
      const already = mailsOf('killed').length;
      const killAt = already + 1 + Math.floor(next() * 6);
      const lastRound = kills >= 6;
      onMessage = () => {
        if (!lastRound && mailsOf('killed').length + 1 >= killAt && child.exitCode === null) {
          child.kill('SIGKILL');
          kills++;
        }
      };
      const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
      onMessage = () => {};
      if (signal === null && code === 0) break;
      // The killed sender's leases run out before another may take its digests.
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    expect(kills, `seed ${seed}`).toBeGreaterThanOrEqual(3);
    const received = byRecipient('killed');
    expect(received.size, `seed ${seed}`).toBe(READERS);
    const doubled = [...received.values()].filter((ids) => ids.length > 1);
    for (const ids of doubled) expect(new Set(ids).size, `seed ${seed}`).toBe(1);
    expect(doubled.length, `seed ${seed}`).toBeLessThanOrEqual(kills * SENDING.concurrency);
    const db = await openDatabase(await testDatabaseUrl(path));
    expect((await digestRows(db)).map((row) => row.status)).toEqual(Array(READERS).fill('sent'));
    await db.close();
  });
});

describe('paperboy worker', () => {
  it('three workers share one edition; one is killed mid-run and every reader still gets one digest', { timeout: 120_000 }, async () => {
    // Workers run on the real clock, months after the corpus: a digest with nothing new is sent as one line.
    const path = await hubFile('workers', { quiet: 'note' });
    const url = await testDatabaseUrl(path);
    const env = (n: number) => ({
      MAIL_FROM: `paperboy <worker${n}@example.org>`,
      DIGEST_CHECK_SECONDS: '1',
      DIGEST_LEASE_SECONDS: '10',
      ARXIV_FILL_EVERY_MINUTES: '0',
    });
    const workers = [0, 1, 2].map((n) => sender(url, ['worker'], env(n)));
    const errors = workers.map((worker) => {
      let text = '';
      worker.stderr.on('data', (chunk) => (text += chunk));
      return () => text;
    });
    // Mails wait at the server until each worker has one in flight; then the first of them is killed.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const timeout = setTimeout(release, 30_000);
    const senders = new Set<string>();
    let killed: number | null = null;
    onMessage = async (mail) => {
      if (!recipientOf(mail).startsWith('workers')) return;
      senders.add(mail.from!.value[0]!.address!);
      if (senders.size === 3 && killed === null) {
        killed = Number([...senders][0]!.match(/worker(\d)/)![1]);
        workers[killed]!.kill('SIGKILL');
        release();
      }
      await gate;
    };
    const db = await openDatabase(url);
    const allSent = async () => (await digestRows(db)).filter((row) => row.status === 'sent').length === READERS;
    for (const deadline = Date.now() + 90_000; !(await allSent()) && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 250));
    clearTimeout(timeout);
    onMessage = () => {};
    const survivors = workers.filter((_, n) => n !== killed);
    for (const worker of survivors) worker.kill('SIGTERM');
    const codes = await Promise.all(survivors.map(async (worker) => ((await once(worker, 'exit')) as [number])[0]));
    expect(killed, errors.map((text) => text()).join('\n')).not.toBeNull();
    expect(codes).toEqual([0, 0]);
    expect((await digestRows(db)).map((row) => row.status)).toEqual(Array(READERS).fill('sent'));
    await db.close();
    const received = byRecipient('workers');
    expect(received.size).toBe(READERS);
    // A mail in flight when its worker was killed may come twice, with the same Message-ID.
    const doubled = [...received.values()].filter((ids) => ids.length > 1);
    for (const ids of doubled) expect(new Set(ids).size).toBe(1);
    expect(doubled.length).toBeLessThanOrEqual(SENDING.concurrency);
    const bySender = (n: number) => mailsOf('workers').filter((mail) => mail.from!.value[0]!.address === `worker${n}@example.org`).length;
    for (const n of [0, 1, 2]) expect(bySender(n), `worker ${n}`).toBeGreaterThan(0);
  });
});
