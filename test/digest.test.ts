// The daily digest end to end, in one process: subscribing (double opt-in),
// composing by the reader's sections, the mail itself, one-click unsubscribe,
// signed links, preferences, quiet days, failures of one paper or one
// address, and deleting an account. Mails go to a real SMTP server on loopback.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { tempDir } from './helpers.ts';
import { createAccountStore } from '../src/db/accounts-store.ts';
import { createDigestStore } from '../src/db/digest-store.ts';
import { startSmtpServer, recipientOf, type TestSmtpServer } from './smtp-server.ts';
import { WebClient } from './web-client.ts';
import type { Db } from '../src/db/open.ts';
import { createDigestHub, digestRows, linksOf, SITE, type DigestHub } from './digest-helpers.ts';
import { SIGN_IN } from '../src/accounts/accounts.ts';

let smtp: TestSmtpServer;
const hubs: DigestHub[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

async function hub(env: Record<string, string> = {}, options: Parameters<typeof createDigestHub>[1] = {}): Promise<DigestHub> {
  const created = await createDigestHub({ SMTP_URL: smtp.url, ...env }, options);
  hubs.push(created);
  return created;
}

const clientOf = (app: DigestHub['app']) => new WebClient((path, init) => app.request(path.replace(SITE, ''), init));
const mailsTo = (address: string) => smtp.messages.filter((mail) => recipientOf(mail) === address);

describe('subscribing', () => {
  it('confirms an address before sending it anything else, and answers the same for known and unknown addresses', async () => {
    const { app, services } = await hub();
    const reader = clientOf(app);
    const asked = await reader.postForm('/subscribe', { email: 'New.Reader@Example.org' });
    expect(asked.status).toBe(200);
    const answer = await asked.text();
    expect(answer).toContain('A link to confirm the subscription is on its way');
    const mail = await smtp.nextMessageTo('new.reader@example.org');
    expect(mail.subject).toContain('Confirm your paper digest');
    expect((await services.status.hubStatus()).digest).toMatchObject({ waiting: 1, confirmed: 0 });
    // Nothing is sent to an unconfirmed address, however long one waits.
    const run = await services.digest.runEdition({ date: '2026-08-20' });
    expect(run.dryRun === false && run.run).toBeNull();

    const token = /\/subscribe\/confirm\?token=([\w-]+)/.exec(mail.text ?? '')![1]!;
    const confirmPage = await (await reader.request(`/subscribe/confirm?token=${token}`)).text();
    expect(confirmPage).toContain('Confirm and start the digest');
    expect((await services.status.hubStatus()).digest.confirmed).toBe(0);
    const confirmed = await reader.postForm('/signin/link', { token });
    expect(confirmed.status).toBe(303);
    expect((await services.status.hubStatus()).digest).toMatchObject({ waiting: 0, confirmed: 1 });
    expect((await reader.postForm('/signin/link', { token })).status).toBe(400);

    const strip = (page: string) => page.replace(/value="[\w-]{32}"/g, '').replace(/(new\.reader|stranger)@example\.org/gi, 'X');
    const again = await (await clientOf(app).postForm('/subscribe', { email: 'new.reader@example.org' })).text();
    const stranger = await (await clientOf(app).postForm('/subscribe', { email: 'stranger@example.org' })).text();
    expect(strip(again)).toBe(strip(stranger));
  });

  it('shares the rate limits of sign-in links', async () => {
    const { app } = await hub();
    const reader = clientOf(app);
    for (let i = 0; i < SIGN_IN.perEmailPerHour - 1; i++)
      expect((await reader.postForm('/signin', { email: 'eager@example.org' })).status).toBe(200);
    expect((await reader.postForm('/subscribe', { email: 'eager@example.org' })).status).toBe(200);
    const limited = await reader.postForm('/subscribe', { email: 'eager@example.org' });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('Too many subscription links were asked for just now.');
  });

  it('subscribes a signed-in reader in one click, and forgets an unconfirmed request after a week', async () => {
    const { app, services, clock, db } = await hub();
    const reader = clientOf(app);
    await reader.signIn(smtp, 'member@example.org');
    const home = await (await reader.request('/')).text();
    expect(home).toContain('Subscribe to the digest');
    expect(home).not.toContain('name="email"');
    expect((await reader.postForm('/subscribe', {})).headers.get('Location')).toBe('/digest/preferences?saved=1');
    expect(await (await reader.request('/')).text()).toContain('You get the daily digest.');

    await clientOf(app).postForm('/subscribe', { email: 'undecided@example.org' });
    const kept = async () => db.value(`SELECT count(*) FROM sign_in_tokens WHERE email = 'undecided@example.org'`);
    clock.now += 6 * 86_400_000;
    await services.accounts.forgetExpiredLinks();
    expect(await kept()).toBe(1);
    expect((await services.status.hubStatus()).digest.waiting).toBe(1);
    clock.now += 86_400_000 + 1;
    await services.accounts.forgetExpiredLinks();
    expect(await kept()).toBe(0);
    expect((await services.status.hubStatus()).digest.waiting).toBe(0);
  });

  it('says digests are off when no mail server is set, and still previews one', async () => {
    const { app, services, addReader } = await hub({ SMTP_URL: '' });
    expect(await (await app.request('/')).text()).toContain('Digests are off on this hub');
    expect((await clientOf(app).postForm('/subscribe', { email: 'x@example.org' })).status).toBe(503);
    await addReader('preview@example.org', {}, [{ kind: 'category', value: 'cs.SD' }]);
    const { mail } = await services.digest.previewFor('preview@example.org', '2026-08-20');
    expect(mail.text).toContain('new in cs.SD');
  });
});

describe('a digest', () => {
  it('holds each section the reader chose, with reasons and links, never a hidden paper, and one-click unsubscribe headers', async () => {
    const { services, addReader, app } = await hub();
    const admin = { account: { id: 0, email: 'admin@example.org', createdAt: '' }, isAdmin: true, compactLists: false };
    await services.moderation.hide(admin, '2608.10001');
    // A merged duplicate is not sent either: its original may be.
    await services.moderation.merge(admin, '2608.10003', '2608.10002');
    const id = await addReader('ada@example.org', { maxPapers: 6, trending: 'day' }, [
      { kind: 'search', value: 'neural audio codec' },
      { kind: 'author', value: 'Ada Lovelace' },
      { kind: 'category', value: 'cs.LG' },
    ]);
    const result = await services.digest.runEdition({ date: '2026-08-20' });
    expect(result.dryRun === false && result.report).toMatchObject({ sent: 1, failed: 0 });
    const mail = await smtp.nextMessageTo('ada@example.org');
    const status = await (await app.request('/status')).text();
    expect(status).toContain('Readers: 1 confirmed, 0 waiting to confirm, 0 unsubscribed, 0 suspended after bounces.');
    expect(status).toMatch(/Last run: started 2026-08-20 12:00 UTC for 1 readers, finished 2026-08-20 12:00 UTC: 1 sent/);

    expect(mail.subject).toBe('Your paper digest, Thursday 20 August: 6 papers');
    expect(mail.messageId).toBe(`<digest.${id}.2026-08-20@papers.example.org>`);
    // Headers as a client reads them: long ones unfolded.
    const raw = smtp.raw[smtp.messages.indexOf(mail)]!.toString().replace(/\r\n[ \t]+/g, ' ');
    expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/papers\.example\.org\/unsubscribe\/\d+\.[\w-]{43}>\r$/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(raw).toMatch(/^Content-Type: multipart\/alternative/m);
    const text = mail.text ?? '';
    const html = String(mail.html);
    expect(text).toContain('Why: matches your alert “neural audio codec”');
    expect(text).toContain('Why: new paper by Ada Lovelace');
    expect(text).toContain('Why: new in cs.LG');
    // An alert wants every word: a graph neural network paper is not a neural audio codec.
    expect(text).not.toMatch(/Graph learning[^*]*matches your alert/);
    expect(text).toMatch(/Why: #\d+ trending today/);
    expect(text).toContain('PDF: https://arxiv.org/pdf/2608.10002');
    expect(text).toContain('Paper: https://papers.example.org/papers/2608.10002');
    expect(html).toMatch(/α(<\/[a-z]+>)* quantisers/);
    expect(text).not.toContain('2608.10001');
    expect(text).not.toContain('2608.10003');
    expect(text).not.toContain('older');
    // Self-contained: no script, no remote image, font or stylesheet.
    expect(html).not.toMatch(/<script|<img|<link|@import|url\(/i);
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html).toMatch(/Preferences<\/a>.*Unsubscribe<\/a>/s);
    const links = linksOf(text);
    expect(links.preferences).toMatch(/^https:\/\/papers\.example\.org\/digest\/preferences\//);
  });

  it('is sent once per edition, and never repeats a paper in the next one', async () => {
    const { services, addReader, db } = await hub();
    await addReader('once@example.org', { maxPapers: 4, trending: 'off' }, [{ kind: 'category', value: 'cs.SD' }]);
    await services.digest.runEdition({ date: '2026-08-19' });
    await services.digest.runEdition({ date: '2026-08-19' });
    expect(mailsTo('once@example.org')).toHaveLength(1);
    // At noon on the 20th the reader's 07:00 digest of that day is due: once.
    await services.digest.runEdition();
    await services.digest.runEdition();
    await services.digest.runEdition({ date: '2026-08-20' });
    const [first, second] = mailsTo('once@example.org').map((mail) =>
      [...(mail.text ?? '').matchAll(/papers\/(2608\.\d+)/g)].map((m) => m[1]),
    );
    expect(first).toHaveLength(4);
    expect(second).toHaveLength(4);
    expect(first!.filter((paper) => second!.includes(paper))).toEqual([]);
    expect((await digestRows(db)).map((row) => [row.edition, row.status])).toEqual([
      ['2026-08-19', 'sent'],
      ['2026-08-20', 'sent'],
    ]);
  });

  it('on a quiet day is skipped, or is one line saying why, as the reader chose', async () => {
    const { services, addReader, db } = await hub();
    const quietTerms = { trending: 'off' as const, categoriesOn: false, authorsOn: false };
    await addReader('skip@example.org', { ...quietTerms, quiet: 'skip' }, [{ kind: 'search', value: 'quantum chromodynamics' }]);
    await addReader('note@example.org', { ...quietTerms, quiet: 'note' }, [{ kind: 'search', value: 'quantum chromodynamics' }]);
    const result = await services.digest.runEdition({ date: '2026-08-20' });
    expect(result.dryRun === false && result.report).toMatchObject({ sent: 1, skipped: 1 });
    expect(mailsTo('skip@example.org')).toHaveLength(0);
    const note = mailsTo('note@example.org')[0]!;
    expect(note.subject).toContain('nothing new');
    expect(note.text).toContain('Nothing new for you since 2026-08-17');
    expect((await digestRows(db)).map((row) => row.status).sort()).toEqual(['sent', 'skipped']);
  });

  it('leaves out a paper that fails to render, logs it, and sends the rest', async () => {
    const { services, addReader, db, logs } = await hub();
    await db.run(`UPDATE papers SET authors = '"not a list"' WHERE id = '2608.20001'`);
    await addReader('graphs@example.org', { trending: 'off' }, [{ kind: 'category', value: 'cs.LG' }]);
    await services.digest.runEdition({ date: '2026-08-20' });
    const text = mailsTo('graphs@example.org')[0]!.text ?? '';
    expect(text).toContain('Graph learning result 2');
    expect(text).not.toContain('Graph learning result 1\n');
    expect(logs.find((line) => line.msg === 'a paper could not be rendered; the digest goes without it')).toMatchObject({
      paperId: '2608.20001',
    });
  });

  it("is shown in the browser from its link, with the mail's styles and no script", async () => {
    const { services, app, addReader } = await hub();
    await addReader('viewer@example.org', { trending: 'off' }, [{ kind: 'category', value: 'cs.LG' }]);
    await services.digest.runEdition({ date: '2026-08-20' });
    const view = linksOf(mailsTo('viewer@example.org')[0]!.text ?? '').view;
    const page = await app.request(view.replace(SITE, ''));
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(await page.text()).toContain('Graph learning result');
    const tampered = view.replace('2026-08-20', '2026-08-19');
    expect((await app.request(tampered.replace(SITE, ''))).status).toBe(403);
  });
});

describe('links in a digest', () => {
  async function sentTo(email: string, terms = {}) {
    const created = await hub();
    const id = await created.addReader(email, { trending: 'day', ...terms });
    await created.services.digest.runEdition({ date: '2026-08-20', accountId: id });
    return { ...created, id, links: linksOf(mailsTo(email).at(-1)!.text ?? '') };
  }

  it('unsubscribe with one POST and no cookies (RFC 8058), while a GET only shows a button', async () => {
    const { app, links, services, db } = await sentTo('leaving@example.org');
    const path = links.unsubscribe.replace(SITE, '');
    const shown = await app.request(path);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain(`action="${path}"`);
    expect((await services.status.hubStatus()).digest.confirmed).toBe(1);
    const clicked = await app.request(path, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(clicked.status).toBe(200);
    expect((await services.status.hubStatus()).digest).toMatchObject({ confirmed: 0, unsubscribed: 1 });
    // A replay changes nothing more, and no digest goes out any more.
    expect((await app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    await services.digest.runEdition({ date: '2026-08-23' });
    expect((await digestRows(db)).map((row) => row.edition)).toEqual(['2026-08-20']);
  });

  it('refuse forged, swapped and other-purpose tokens', async () => {
    const { app, links, services, addReader } = await sentTo('owner@example.org');
    const other = await addReader('other@example.org');
    const path = links.unsubscribe.replace(SITE, '');
    const [, mac] = /\/unsubscribe\/\d+\.([\w-]+)$/.exec(path)!;
    const attempts = [
      `/unsubscribe/${other}.${mac}`,
      path.slice(0, -2) + (path.endsWith('AA') ? 'BB' : 'AA'),
      path.replace('/unsubscribe/', '/digest/preferences/'),
      links.preferences.replace(SITE, '').replace('/digest/preferences/', '/unsubscribe/'),
      '/unsubscribe/1.' + 'A'.repeat(43),
      '/unsubscribe/%00',
    ];
    for (const attempt of attempts) {
      const answer = await app.request(attempt, { method: attempt.includes('/preferences/') ? 'GET' : 'POST' });
      expect(answer.status, attempt).toBe(attempt.endsWith('%00') ? 403 : 403);
    }
    expect((await services.status.hubStatus()).digest).toMatchObject({ confirmed: 2, unsubscribed: 0 });
  });

  it('open the preferences without signing in; a wrong field is refused and nothing is saved', async () => {
    const { app, links, services, id } = await sentTo('prefs@example.org');
    const path = links.preferences.replace(SITE, '');
    const reader = clientOf(app);
    const page = await (await reader.request(path)).text();
    expect(page).toContain('Digest preferences');
    expect(page).toContain('You get the digest. The next one comes');
    const fields = {
      frequency: 'weekly',
      weekday: '3',
      hour: '18',
      timeZone: 'Asia/Tokyo',
      maxPapers: '5',
      trending: 'week',
      quiet: 'note',
    };
    const refused = await reader.postForm(path, { ...fields, hour: '25' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('hour must be a whole number from 0 to 23');
    const account = { id, email: 'prefs@example.org', createdAt: '' };
    expect((await services.digest.termsOf({ account, isAdmin: false, compactLists: false })).subscription).toMatchObject({
      frequency: 'daily',
      hour: 7,
    });
    expect((await reader.postForm(path, { ...fields, alertsOn: 'on' })).status).toBe(303);
    expect((await services.digest.termsOf({ account, isAdmin: false, compactLists: false })).subscription).toMatchObject({
      frequency: 'weekly',
      weekday: 3,
      hour: 18,
      timeZone: 'Asia/Tokyo',
      maxPapers: 5,
      trending: 'week',
      alertsOn: true,
      authorsOn: false,
      forYouOn: false,
      quiet: 'note',
    });
  });
});

describe('following', () => {
  it('follows an author, a category or a search from the search page, and unfollows from the preferences', async () => {
    const { app, services } = await hub();
    const reader = clientOf(app);
    await reader.signIn(smtp, 'follower@example.org');
    await reader.postForm('/subscribe', {});
    const authorPage = await (await reader.request('/search?q=author%3A%22Ada+Lovelace%22')).text();
    expect(authorPage).toContain('Follow Ada Lovelace');
    for (const [kind, value] of [
      ['author', 'Ada Lovelace'],
      ['category', 'cs.SD'],
      ['search', 'neural audio codec'],
    ] as const)
      expect((await reader.postForm('/follows', { kind, value, next: '/search' })).status).toBe(303);
    expect(await (await reader.request('/search?q=author%3A%22Ada+Lovelace%22')).text()).toContain('✓ Following');
    const preferences = await (await reader.request('/digest/preferences')).text();
    expect(preferences).toContain('Author: Ada Lovelace');
    expect(preferences).toContain('Alert: neural audio codec');
    expect((await reader.postForm('/digest/preferences/unfollow', { kind: 'category', value: 'cs.SD' })).status).toBe(303);
    expect((await reader.postForm('/follows', { kind: 'category', value: 'not a category!' })).status).toBe(400);
    const viewer = (await services.accounts.viewerOf(reader.cookies.get('paperboy_session')))!;
    expect((await services.digest.termsOf(viewer)).follows).toEqual([
      { kind: 'author', value: 'Ada Lovelace' },
      { kind: 'search', value: 'neural audio codec' },
    ]);
    const account = await (await reader.request('/account')).text();
    expect(account).toContain('Your next digest');
    expect(account).toContain('matches your alert “neural audio codec”');
  });

  it('asks a signed-out reader to sign in first', async () => {
    const { app } = await hub();
    const answer = await clientOf(app).postForm('/follows', { kind: 'category', value: 'cs.SD', next: '/search?q=cat%3Acs.SD' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('Location')).toBe('/signin?next=%2Fsearch%3Fq%3Dcat%253Acs.SD');
  });
});

describe('failures', () => {
  it('retry a temporary refusal, fail a permanent one with its reason, and suspend an address after three hard bounces', async () => {
    const refusing = await startSmtpServer({
      refuse: (address) =>
        address.startsWith('gone@')
          ? { code: 550, message: '5.1.1 No such user here' }
          : address.startsWith('busy@') && !busyAccepts
            ? { code: 451, message: '4.3.0 Try again later' }
            : null,
    });
    let busyAccepts = false;
    const { services, addReader, db, clock } = await createDigestHub({ SMTP_URL: refusing.url }, { now: '2026-08-17T12:00:00Z' });
    hubs.push({ close: () => services.close() } as DigestHub);
    const [gone, busy] = [await addReader('gone@example.org'), await addReader('busy@example.org')];
    await addReader('fine@example.org');
    const first = await services.digest.runEdition({ date: '2026-08-17' });
    expect(first.dryRun === false && first.report).toMatchObject({ sent: 1, failed: 1, retrying: 1, skipped: 0 });
    const rows = await digestRows(db);
    expect(rows.find((row) => row.accountId === gone)).toMatchObject({ status: 'failed', error: expect.stringContaining('No such user') });
    expect(rows.find((row) => row.accountId === busy)).toMatchObject({
      status: 'pending',
      attempts: 1,
      error: expect.stringContaining('Try again'),
    });

    busyAccepts = true;
    expect((await services.digest.runDue()).report.sent).toBe(0);
    clock.now += 61_000;
    expect((await services.digest.runDue()).report.sent).toBe(1);
    expect(refusing.messages.filter((mail) => recipientOf(mail) === 'busy@example.org')).toHaveLength(1);

    await services.digest.runEdition({ date: '2026-08-18' });
    expect((await services.status.hubStatus()).digest.suspended).toBe(0);
    await services.digest.runEdition({ date: '2026-08-19' });
    expect((await services.status.hubStatus()).digest).toMatchObject({ suspended: 1, confirmed: 2 });
    await refusing.close();
  });
});

describe('privacy', () => {
  it('deletes an account with everything attached to it, and logs readers by id, not address', async () => {
    const { app, services, db, logs } = await hub();
    const reader = clientOf(app);
    await reader.signIn(smtp, 'private@example.org');
    await reader.postForm('/subscribe', {});
    await reader.postForm('/follows', { kind: 'category', value: 'cs.LG' });
    await services.digest.runEdition({ date: '2026-08-20' });
    expect((await reader.postForm('/account/delete', { confirm: 'nope' })).status).toBe(400);
    expect((await reader.postForm('/account/delete', { confirm: 'delete' })).headers.get('Location')).toBe('/?deleted=1');
    for (const table of ['accounts', 'sessions', 'subscriptions', 'follows', 'digests', 'sent_papers', 'sign_in_tokens'])
      expect(await db.value(`SELECT count(*) FROM ${table}`), table).toBe(0);
    expect(await createAccountStore(db).accountByEmail('private@example.org')).toBeNull();
    expect(await createDigestStore(db).follows(1)).toEqual([]);
    expect(JSON.stringify(logs)).not.toContain('private@example.org');
  });
});

describe('the signing key', () => {
  it('is generated on first start (beside a SQLite file, readable by its owner only; in PostgreSQL) and kept across restarts', async () => {
    const first = await createDigestHub({ SMTP_URL: smtp.url });
    await first.addReader('kept@example.org', { trending: 'day' });
    await first.services.digest.runEdition({ date: '2026-08-20' });
    const keyFile = join(dirname(first.path), 'secret.key');
    const storedKey = async (db: Db) =>
      db.dialect === 'sqlite' ? readFileSync(keyFile, 'utf8') : db.value<string>("SELECT value FROM hub_secrets WHERE name = 'link_key'");
    if (first.db.dialect === 'sqlite') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = await storedKey(first.db);
    expect(key).toMatch(/^[\w-]{43}$/);
    await first.close();

    const again = await hub({}, { path: first.path, corpus: false });
    expect(await storedKey(again.db)).toBe(key);
    const { unsubscribe } = linksOf(mailsTo('kept@example.org')[0]!.text ?? '');
    expect((await again.app.request(unsubscribe.replace(SITE, ''), { method: 'POST' })).status).toBe(200);
    expect((await again.services.status.hubStatus()).digest.unsubscribed).toBe(1);
  });

  it('comes from SECRET_KEY when set, and then links signed with another key are refused', async () => {
    const first = await createDigestHub({ SMTP_URL: smtp.url, SECRET_KEY: 'k'.repeat(40) });
    await first.addReader('keyed@example.org', { trending: 'day' });
    await first.services.digest.runEdition({ date: '2026-08-20' });
    await first.close();
    const { unsubscribe } = linksOf(mailsTo('keyed@example.org')[0]!.text ?? '');
    const rotated = await hub({ SECRET_KEY: 'r'.repeat(40) }, { path: first.path, corpus: false });
    expect((await rotated.app.request(unsubscribe.replace(SITE, ''), { method: 'POST' })).status).toBe(403);
    await expect(createDigestHub({ SECRET_KEY: 'short' })).rejects.toThrow('SECRET_KEY');
  });
});

describe('DKIM', () => {
  it('signs digests so that a receiving server verifies them, headers included', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(tempDir(), 'dkim.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const dns = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    const resolver = async (name: string, type: string) =>
      name === 'pb2026._domainkey.papers.example.org' && type === 'TXT' ? [[dns]] : [];
    const { services, addReader } = await hub({
      MAIL_FROM: 'paperboy <digest@papers.example.org>',
      DKIM_DOMAIN: 'papers.example.org',
      DKIM_SELECTOR: 'pb2026',
      DKIM_PRIVATE_KEY_FILE: keyFile,
    });
    await addReader('signed@example.org');
    await services.digest.runEdition({ date: '2026-08-20' });
    const mail = await smtp.nextMessageTo('signed@example.org');
    const raw = smtp.raw[smtp.messages.indexOf(mail)]!;
    const verified = await dkimVerify(raw, { resolver });
    expect(verified.results).toHaveLength(1);
    const [result] = verified.results as { status: { result: string }; signingDomain: string; signingHeaders: { keys: string } }[];
    expect(result!.status.result).toBe('pass');
    expect(result!.signingDomain).toBe('papers.example.org');
    for (const header of ['From', 'To', 'Subject', 'Message-ID', 'List-Unsubscribe', 'List-Unsubscribe-Post'])
      expect(result!.signingHeaders.keys.toLowerCase().split(/:\s*/)).toContain(header.toLowerCase());
    const forged = Buffer.from(raw.toString().replace(/^Subject: .*$/m, 'Subject: You won a prize'));
    expect(((await dkimVerify(forged, { resolver })).results as { status: { result: string } }[])[0]!.status.result).toBe('fail');
  });

  it('refuses half a DKIM configuration at start', async () => {
    await expect(hub({ DKIM_DOMAIN: 'papers.example.org' })).rejects.toThrow(
      'DKIM needs all of DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE',
    );
  });
});
