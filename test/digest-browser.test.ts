// The digest mail in the real Chromium the browser tests use: as a mail client
// shows its HTML (no network, no script) and as "view in the browser" serves it
// under its own Content-Security-Policy, at phone and desktop widths, light and
// dark. It must fit the width, switch colours in dark mode, load nothing, and
// break no policy. Screenshots go to test/screenshots/.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { createDigestHub, linksOf, SITE, type DigestHub } from './digest-helpers.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const WIDTHS = { phone: 320, desktop: 1024 };

let browser: Browser;
let smtp: TestSmtpServer;
let hub: DigestHub;
let server: ServerType;
let base: string;
let mailHtml: string;
let viewPath: string;

beforeAll(async () => {
  const executablePath = chromiumPath();
  smtp = await startSmtpServer();
  hub = await createDigestHub({ SMTP_URL: smtp.url });
  await hub.addReader('reader@example.org', { trending: 'week', maxPapers: 8 }, [
    { kind: 'search', value: 'neural audio codec' },
    { kind: 'category', value: 'cs.LG' },
  ]);
  await hub.services.digest.runEdition({ date: '2026-08-20' });
  const mail = await smtp.nextMessageTo('reader@example.org');
  mailHtml = String(mail.html);
  viewPath = linksOf(mail.text ?? '').view.replace(SITE, '');
  server = serve({ fetch: hub.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await hub?.close();
  await smtp?.close();
});

async function openPage(width: number, colorScheme: 'light' | 'dark', problems: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme, javaScriptEnabled: false });
  const page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on(
    'request',
    (request) => !request.url().startsWith(base) && !request.url().startsWith('about:') && problems.push(`loaded ${request.url()}`),
  );
  return page;
}

async function checkLayout(page: Page, colorScheme: 'light' | 'dark') {
  const layout = await page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    card: getComputedStyle(document.querySelector('.pb-card')!).backgroundColor,
    text: getComputedStyle(document.querySelector('h1')!).color,
    titles: document.querySelectorAll('.pb-card a.pb-link[href*="/papers/"]').length,
  }));
  expect(layout.overflow).toBeLessThanOrEqual(0);
  expect(layout.card).toBe(colorScheme === 'dark' ? 'rgb(22, 27, 34)' : 'rgb(255, 255, 255)');
  expect(layout.text).toBe(colorScheme === 'dark' ? 'rgb(230, 237, 243)' : 'rgb(31, 35, 40)');
  expect(layout.titles).toBeGreaterThanOrEqual(8);
}

describe('the digest mail in a browser', () => {
  for (const [size, width] of Object.entries(WIDTHS))
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`reads as a mail at ${size} width, ${colorScheme}`, async () => {
        const problems: string[] = [];
        const page = await openPage(width, colorScheme, problems);
        await page.setContent(mailHtml);
        await checkLayout(page, colorScheme);
        await page.screenshot({ path: `${SCREENSHOTS}digest-mail-${size}-${colorScheme}.png`, fullPage: true });
        expect(problems).toEqual([]);
        await page.context().close();
      });

      it(`is the same page in the browser at ${size} width, ${colorScheme}, within its policy`, async () => {
        const problems: string[] = [];
        const page = await openPage(width, colorScheme, problems);
        const response = await page.goto(`${base}${viewPath}`);
        expect(response?.status()).toBe(200);
        await checkLayout(page, colorScheme);
        await page.screenshot({ path: `${SCREENSHOTS}digest-view-${size}-${colorScheme}.png`, fullPage: true });
        expect(problems).toEqual([]);
        await page.context().close();
      });
    }
});
