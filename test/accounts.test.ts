// Sign-in by e-mail link through the web app, with a real SMTP server on
// loopback; sessions, signing out, rate limits and CSRF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/web/app.ts';
import { createTestServices, fixturePath } from './helpers.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { tokenOf, WebClient } from './web-client.ts';
import { createAccounts, SIGN_IN } from '../src/accounts/accounts.ts';
import { createDigestStore } from '../src/db/digest-store.ts';
import { createAccountStore } from '../src/db/accounts-store.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { createLogger } from '../src/log.ts';
import { OFF_SITE } from './hostile-paths.ts';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

async function hub(env: Record<string, string> = {}) {
  const setup = await createTestServices({
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'https://papers.example.org',
    ADMIN_EMAILS: 'admin@example.org',
    ...env,
  });
  await setup.services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
  const app = createApp(setup.services);
  return { ...setup, app, client: () => new WebClient((path, init) => app.request(path, init)) };
}

describe('signing in by e-mail link', () => {
  it('mails a link that signs in once, makes the account, and lands where the reader was', async () => {
    const { app, client: newClient, db } = await hub();
    const client = newClient();
    const asked = await client.postForm('/signin', { email: ' Ada@Example.org ', next: '/papers/2608.19880' });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('A sign-in link is on its way to Ada@Example.org');
    const mail = await smtp.nextMessageTo('ada@example.org');
    expect(mail.subject).toBe('Sign in to papers.example.org');
    expect(mail.text).toContain(`It works once, for ${SIGN_IN.linkMinutes} minutes.`);
    expect(mail.html).toContain('href="https://papers.example.org/signin/link?token=');
    const token = tokenOf(mail);
    expect(JSON.stringify(await db.all('SELECT * FROM sign_in_tokens'))).not.toContain(token);

    expect(await (await client.request(`/signin/link?token=${token}`)).text()).toContain('Sign in to paperboy</button>');
    expect(await db.value('SELECT used_at FROM sign_in_tokens')).toBeNull();
    const signedIn = await client.postForm('/signin/link', { token });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/papers/2608.19880');
    const cookie = signedIn.headers.getSetCookie().find((line) => line.startsWith('paperboy_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(await (await client.request('/account')).text()).toContain('Signed in as ada@example.org.');
    expect(await db.column('SELECT email FROM accounts')).toEqual(['ada@example.org']);

    const again = await newClient().postForm('/signin/link', { token });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This sign-in link has expired or was already used.');
    expect((await app.request('/account')).status).toBe(302);
  });

  it('answers the same whether an address is known or not', async () => {
    const { client } = await hub();
    await client().signIn(smtp, 'known@example.org');
    const known = await (await client().postForm('/signin', { email: 'known@example.org' })).text();
    const unknown = await (await client().postForm('/signin', { email: 'stranger@example.org' })).text();
    const strip = (page: string) => page.replace(/value="[\w-]{32}"/g, '').replace(/(known|stranger)@example\.org/g, 'X');
    expect(strip(known)).toBe(strip(unknown));
  });

  it('refuses a link after 15 minutes', async () => {
    let time = Date.parse('2026-11-29T10:00:00Z');
    const { db } = await hub();
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'paperboy <p@localhost>', log: createLogger('silent') });
    const accounts = createAccounts({
      store: createAccountStore(db),
      mailer,
      subscriptions: createDigestStore(db),
      publicUrl: 'http://localhost:8080',
      admins: [],
      now: () => time,
    });
    await accounts.requestSignIn({ email: 'late@example.org', next: '/', clientAddress: '10.0.0.1' });
    const token = tokenOf(await smtp.nextMessageTo('late@example.org'));
    time += SIGN_IN.linkMinutes * 60_000 + 1;
    await expect(accounts.completeSignIn(token)).rejects.toThrow('This sign-in link has expired or was already used.');
    mailer.close();
  });

  it('limits links per address and per client address', async () => {
    const { client } = await hub();
    const reader = client();
    for (let i = 0; i < SIGN_IN.perEmailPerHour; i++)
      expect((await reader.postForm('/signin', { email: 'eager@example.org' })).status).toBe(200);
    const limited = await reader.postForm('/signin', { email: 'eager@example.org' });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('Too many sign-in links were asked for just now.');
    for (let i = SIGN_IN.perEmailPerHour; i < SIGN_IN.perIpPerHour; i++)
      expect((await reader.postForm('/signin', { email: `other${i}@example.org` })).status).toBe(200);
    expect((await reader.postForm('/signin', { email: 'fresh@example.org' })).status).toBe(429);
  });

  it('counts clients by the address their trusted proxies saw, so a forged X-Forwarded-For lifts no limit', async () => {
    /** The answer to one sign-in request past the per-client limit, each request with its own X-Forwarded-For. */
    async function lastAnswer(trustProxy: string, forwardedFor: (i: number) => string): Promise<number> {
      const reader = (await hub({ TRUST_PROXY: trustProxy })).client();
      let status = 0;
      for (let i = 0; i <= SIGN_IN.perIpPerHour; i++)
        status = (await reader.postForm('/signin', { email: `p${i}@example.org` }, { 'X-Forwarded-For': forwardedFor(i) })).status;
      return status;
    }
    // The client writes the left entries itself; one proxy appends the address it saw.
    expect(await lastAnswer('true', (i) => `203.0.113.${i}, 10.0.0.1`)).toBe(429);
    expect(await lastAnswer('true', (i) => `203.0.113.${i},10.9.9.${i}, 10.0.0.1`)).toBe(429);
    expect(await lastAnswer('true', (i) => `203.0.113.7, 10.0.0.${i}`)).toBe(200);
    // Two proxies (a CDN, then nginx): the client is the second from the right.
    expect(await lastAnswer('2', (i) => `203.0.113.${i}, 198.51.100.7, 10.0.0.1`)).toBe(429);
    expect(await lastAnswer('2', (i) => `203.0.113.7, 198.51.100.${i}, 10.0.0.1`)).toBe(200);
    // No proxy trusted: the header is ignored, every request comes from the same socket address.
    expect(await lastAnswer('false', (i) => `10.0.0.${i}`)).toBe(429);
  });

  it('signs out here, or everywhere', async () => {
    const { client } = await hub();
    const [laptop, phone] = [client(), client()];
    await laptop.signIn(smtp, 'two@example.org');
    await phone.signIn(smtp, 'two@example.org');
    await laptop.postForm('/signout', {});
    expect((await laptop.request('/account')).status).toBe(302);
    expect((await phone.request('/account')).status).toBe(200);
    const tablet = client();
    await tablet.signIn(smtp, 'two@example.org');
    await phone.postForm('/signout/everywhere', {});
    expect((await phone.request('/account')).status).toBe(302);
    expect((await tablet.request('/account')).status).toBe(302);
  });

  it('refuses bad addresses plainly', async () => {
    const { client } = await hub();
    const bad = await client().postForm('/signin', { email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('is not an e-mail address');
  });
});

describe('CSRF protection', () => {
  it('refuses a cross-site form post, a form without its token, and JSON without the header', async () => {
    const { client } = await hub();
    const reader = client();
    await reader.signIn(smtp, 'csrf@example.org');
    const crossSite = await reader.postForm('/papers/2608.19880/vote', { voted: '1' }, { Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain('This request came from another site and was refused.');
    const forged = await reader.request('/papers/2608.19880/vote', {
      method: 'POST',
      body: new URLSearchParams({ voted: '1', csrf: 'guessed' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.status).toBe(403);
    const json = await reader.request('/api/papers/2608.19880/vote', {
      method: 'POST',
      body: JSON.stringify({ voted: true }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(json.status).toBe(403);
    expect(await json.json()).toEqual({ error: { kind: 'forbidden', message: expect.stringContaining('did not come from this site') } });
    const signOut = await reader.request('/signout', { method: 'POST' });
    expect(signOut.status).toBe(403);
    expect((await reader.request('/account')).status).toBe(200);
  });
});

describe('return paths', () => {
  /** Where a redirect sends the browser, resolved as a browser resolves it. */
  const landing = (response: Response) => new URL(response.headers.get('location') ?? '', 'https://papers.example.org/here').href;

  it('never lead off the site, through sign-in, the vote form or the library form', async () => {
    const { client } = await hub();
    const reader = client();
    await reader.signIn(smtp, 'reader@example.org');
    const collection = (await (await reader.request('/api/library')).json()) as { collections: { id: number }[] };
    for (const [i, next] of OFF_SITE.entries()) {
      const signedIn = await client().signIn(smtp, `stranger${i}@example.org`, next);
      expect(landing(signedIn), `sign-in with next=${next}`).toBe('https://papers.example.org/');
      expect(landing(await reader.request(`/signin?next=${encodeURIComponent(next)}`)), `signed-in /signin?next=${next}`).toBe(
        'https://papers.example.org/',
      );
      expect(landing(await reader.postForm('/papers/2608.19880/vote', { voted: '1', next })), `vote with next=${next}`).toBe(
        'https://papers.example.org/',
      );
      const signedOut = await client().postForm('/papers/2608.19880/vote', { voted: '1', next });
      expect(new URL(landing(signedOut)).searchParams.get('next'), `signed-out vote with next=${next}`).toBe('/');
      const saved = await reader.postForm('/library/save', {
        collection: String(collection.collections[0]?.id ?? ''),
        paper: '2608.19880',
        next,
      });
      expect(landing(saved), `save with next=${next}`).toBe('https://papers.example.org/');
    }
  });
});

describe("a reader's choices", () => {
  it('keeps the compact list view on the account, for every device the reader signs in on', async () => {
    const { client } = await hub();
    const [laptop, phone] = [client(), client()];
    await laptop.signIn(smtp, 'skimmer@example.org');
    await laptop.postForm('/view', { view: 'compact', next: '/' });
    await phone.signIn(smtp, 'skimmer@example.org');
    expect(phone.cookies.has('paperboy_view')).toBe(false);
    expect(await (await phone.request('/daily/2026-08-20')).text()).toContain('class="papers compact"');
    await phone.postForm('/view', { view: 'full' });
    expect(await (await laptop.request('/daily/2026-08-20')).text()).not.toContain('class="papers compact"');
  });
});
