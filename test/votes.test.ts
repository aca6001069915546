// Votes through forms and the API, signed in and out; on missing and hidden
// papers; and from two browsers at once against a real multi-process server.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/web/app.ts';
import { createTestServices, fixturePath, tempDir } from './helpers.ts';
import { testDatabaseUrl } from './test-database.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { WebClient } from './web-client.ts';
import { voteButton, votesShown } from './web-helpers.ts';

const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

async function hub() {
  const setup = await createTestServices({ SMTP_URL: smtp.url });
  await setup.services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
  const app = createApp(setup.services);
  return { ...setup, client: () => new WebClient((path, init) => app.request(path, init)) };
}

describe('votes', () => {
  it("carries a signed-out reader's vote through sign-in, saying why they are asked, and back to the card", async () => {
    const { client } = await hub();
    const reader = client();
    const next = '/daily/2026-08-20#paper-2608.19880';
    const asked = await reader.postForm('/papers/2608.19880/vote', { voted: '1', next });
    expect(asked.status).toBe(303);
    const signIn = asked.headers.get('location')!;
    expect(signIn).toBe('/signin?next=%2Fdaily%2F2026-08-20%23paper-2608.19880&intent=vote%3A2608.19880');
    // The card's own link for a signed-out reader goes straight there.
    expect(await (await reader.request('/daily/2026-08-20')).text()).toContain(
      `href="${signIn.replaceAll('&', '&amp;')}" title="Sign in to vote"`,
    );
    const page = await (await reader.request(signIn)).text();
    expect(page).toContain('Sign in to vote for “');
    expect(page).toContain('name="intent" value="vote:2608.19880"');
    const back = await reader.signIn(smtp, 'voter@example.org', next, { intent: 'vote:2608.19880' });
    expect(back.headers.get('location')).toBe(next);
    expect(await votesShown(reader, '/papers/2608.19880', '2608.19880')).toEqual({ pressed: true, total: 164, here: 1 });
  });

  it('counts one vote per reader, toggled, on every listing, and comes back to the card', async () => {
    const { client } = await hub();
    const [ada, bob] = [client(), client()];
    await ada.signIn(smtp, 'ada@example.org');
    await bob.signIn(smtp, 'bob@example.org');
    const next = '/daily/2026-08-20#paper-2608.20335';
    const vote = (reader: WebClient, voted: string) => reader.postForm('/papers/2608.20335/vote', { voted, next });
    expect((await vote(ada, '1')).headers.get('location')).toBe(next);
    await vote(ada, '1');
    await vote(bob, '1');
    const shown = await votesShown(ada, '/daily/2026-08-20', '2608.20335');
    expect(shown).toMatchObject({ pressed: true, here: 2 });
    expect(await votesShown(ada, '/papers/2608.20335', '2608.20335')).toEqual(shown);
    const signedOut = await (await client().request('/search?q=2608.20335&fragment=1')).text();
    expect(signedOut).toContain(
      `<a class="button" href="/signin?next=%2Fsearch%3Fq%3D2608.20335%26fragment%3D1%23paper-2608.20335&amp;intent=vote%3A2608.20335" title="Sign in to vote" rel="nofollow"><span class="sr-only">Vote for “`,
    );
    expect(signedOut).toContain(`▲ ${shown!.total} votes</a><span class="vote-parts"> (${shown!.here} here`);
    await vote(bob, '0');
    expect(await votesShown(bob, '/daily/2026-08-20', '2608.20335')).toEqual({ pressed: false, total: shown!.total - 1, here: 1 });
  });

  it('answers a vote sent by script with its button drawn anew, and orders the day by the count shown', async () => {
    const { client } = await hub();
    const reader = client();
    await reader.signIn(smtp, 'script@example.org');
    const day = await (await reader.request('/daily/2026-08-20')).text();
    const ids = [...day.matchAll(/class="paper-title" href="\/papers\/([^"]+)"/g)].map((match) => match[1]!);
    const last = ids.at(-1)!;
    const before = voteButton(day, last)!;
    const answer = await reader.postForm(`/papers/${last}/vote`, { voted: '1', next: '/daily/2026-08-20', fragment: '1' });
    expect(answer.status).toBe(200);
    const part = await answer.text();
    expect(part.startsWith(`<span class="part" id="vote-${last}" data-part="true">`)).toBe(true);
    expect(voteButton(part, last)).toEqual({ pressed: true, total: before.total + 1, here: before.here + 1 });
    const after = await (await reader.request('/daily/2026-08-20')).text();
    const totals = [...after.matchAll(/▲ (\d+) votes?</g)].map((match) => Number(match[1]));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('answers a vote on a missing or hidden paper with a clear error, by form and by API', async () => {
    const { client, db } = await hub();
    const reader = client();
    await reader.signIn(smtp, 'careful@example.org');
    const missing = await reader.postForm('/papers/2999.00001/vote', { voted: '1' });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('There is no paper 2999.00001 to vote for.');
    await db.run("UPDATE papers SET hidden_at = '2026-11-29T00:00:00Z' WHERE id = '2608.19880'");
    const hidden = await reader.postJson('/api/papers/2608.19880/vote', { voted: true });
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toEqual({ error: { kind: 'not_found', message: 'no paper 2608.19880' } });
    const ok = await reader.postJson('/api/papers/2608.20335/vote', { voted: true });
    expect(await ok.json()).toEqual({ paperId: '2608.20335', voted: true, votes: 1 });
    const bad = await reader.postJson('/api/papers/2608.20335/vote', { voted: 'yes' });
    expect(bad.status).toBe(400);
    const signedOut = await client().postJson('/api/papers/2608.20335/vote', { voted: true });
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toEqual({ error: { kind: 'unauthorized', message: 'Sign in first.' } });
  });
});

/** `paperboy serve` with two worker processes on the database at `path`; stopped by the returned function. */
async function startServer(path: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  const server = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: await testDatabaseUrl(path),
      SMTP_URL: smtp.url,
      WEB_WORKERS: '2',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
    },
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    server.stderr.on('data', (chunk) => (stderr += chunk) && stderr.includes('serving on') && resolve());
    server.once('exit', () => reject(new Error(stderr)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.kill('SIGTERM');
      await once(server, 'exit');
    },
  };
}

async function databaseWithPapers(): Promise<string> {
  const path = join(tempDir(), 'votes.db');
  const { services } = await createTestServices({}, path);
  await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
  await services.close();
  return path;
}

/** Four readers sign in at once and vote three rounds, each vote sent twice at once; every answer must be right. */
async function voteTogether(base: string, readers = 4): Promise<void> {
  const browsers = Array.from({ length: readers }, () => new WebClient((at, init) => fetch(`${base}${at}`, init)));
  await Promise.all(browsers.map((browser, i) => browser.signIn(smtp, `reader${i}@example.org`)));
  for (const voted of [true, false, true]) {
    const answers = await Promise.all(
      browsers.flatMap((browser) => [
        browser.postJson('/api/papers/2608.19880/vote', { voted }),
        browser.postJson('/api/papers/2608.19880/vote', { voted }),
      ]),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(2 * readers).fill(200));
  }
  const listed = (await (await fetch(`${base}/api/daily?date=2026-08-20&limit=1`)).json()) as { papers: { id: string; votes: number }[] };
  expect(listed.papers[0]).toMatchObject({ id: '2608.19880', votes: readers });
}

describe('votes from several browsers at once', () => {
  it('end with the right count on a server of several processes', async () => {
    const server = await startServer(await databaseWithPapers());
    try {
      await voteTogether(server.base);
    } finally {
      await server.stop();
    }
  });

  it('sign readers in and count every vote while another process writes to the same database', { timeout: 180_000 }, async () => {
    const path = await databaseWithPapers();
    const server = await startServer(path);
    // An import in another process holds the write lock a batch at a time: a transaction that read
    // and then wrote used to fail at once (SQLITE_BUSY_SNAPSHOT) instead of waiting its turn.
    const ingest = spawn(process.execPath, [BIN, 'ingest', 'demo'], {
      env: { PATH: process.env.PATH, DATABASE_URL: await testDatabaseUrl(path), LOG_LEVEL: 'warn' },
    });
    const ingestDone = once(ingest, 'exit');
    try {
      for (let round = 0; round === 0 || (round < 3 && ingest.exitCode === null); round++) await voteTogether(server.base, 6);
      expect((await ingestDone)[0]).toBe(0);
    } finally {
      ingest.kill();
      await server.stop();
    }
  });
});
