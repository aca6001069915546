// The site in a real browser (Debian's Chromium through playwright-core): live
// search, paper pages, copying BibTeX, walking days, the keyboard, and the
// whole site with script turned off. Any console error or failed request
// fails the test. Screenshots of every page go to test/screenshots/.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebTestApp } from './web-helpers.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

let browser: Browser;
let server: ServerType;
let base: string;
const problems: string[] = [];
const contexts: BrowserContext[] = [];

let smtp: TestSmtpServer;

beforeAll(async () => {
  const executablePath = chromiumPath();
  smtp = await startSmtpServer();
  const { app } = await createWebTestApp({ SMTP_URL: smtp.url });
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await smtp?.close();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  const seen = problems.splice(0);
  expect(seen).toEqual([]);
});

/** A new page that records console errors, page errors and failed or refused requests. */
async function openPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on(
    'requestfailed',
    (request) =>
      request.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
  return page;
}

const resultTitles = (page: Page) => page.locator('#results .paper-title').allTextContents();

describe('in a browser', () => {
  it('updates search results while typing, keeps the address in step, and goes back', async () => {
    const page = await openPage();
    await page.goto(`${base}/search`);
    await page.locator('input[name=q]').pressSequentially('codecs', { delay: 30 });
    await expect.poll(() => resultTitles(page)).toContain('An old-style paper about codecs');
    expect(new URL(page.url()).search).toBe('?q=codecs');
    await page.locator('input[name=cat]').fill('hep-th');
    await page.locator('input[name=cat]').dispatchEvent('change');
    await expect.poll(() => resultTitles(page)).toEqual(['An old-style paper about codecs']);
    expect(new URL(page.url()).searchParams.get('cat')).toBe('hep-th');
    await page.goBack();
    await expect.poll(() => page.locator('input[name=q]').inputValue()).toBe('');
    await expect.poll(() => page.locator('#results').textContent()).toContain('Type to search');
  });

  it('opens a paper from the results and copies its BibTeX', async () => {
    const page = await openPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${base}/search?q=codecs`);
    await page.getByRole('link', { name: /Bounds for/ }).click();
    await expect.poll(() => page.url()).toBe(`${base}/papers/2601.00001`);
    expect(await page.locator('h1').textContent()).toBe('Bounds for <svg/onload=alert(1)> & α2 codecs');
    await page.getByRole('button', { name: 'Copy BibTeX' }).click();
    await expect.poll(() => page.locator('.copied').textContent()).toBe('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^@misc\{lovelace2026bounds,\n {2}title = \{\{Bounds for/);
  });

  it('walks from day to day with the links and the date picker', async () => {
    const page = await openPage();
    await page.goto(base);
    await expect.poll(() => page.locator('#daily-heading').textContent()).toBe('Papers of Thursday, 20 August 2026');
    await page.getByRole('link', { name: '← 2026-08-19' }).click();
    await expect.poll(() => page.locator('#daily-heading').textContent()).toBe('Papers of Wednesday, 19 August 2026');
    await page.locator('input[type=date]').fill('2026-01-05');
    await expect.poll(() => page.locator('#daily-heading').textContent()).toBe('Papers of Monday, 5 January 2026');
    expect(new URL(page.url()).searchParams.get('date')).toBe('2026-01-05');
  });

  it('works from the keyboard: skip link first, "/" focuses search, Enter searches', async () => {
    const page = await openPage();
    await page.goto(base);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q');
    await page.keyboard.type('codecs');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toBe(`${base}/search?q=codecs`);
    expect(await resultTitles(page)).toContain('An old-style paper about codecs');
  });

  it('signs in with the link from the mail, and votes', async () => {
    const page = await openPage();
    await page.goto(`${base}/papers/2608.20335`);
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('E-mail address').fill('browser@example.org');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('A sign-in link is on its way to browser@example.org');
    const link = /(http\S+\/signin\/link\?token=[\w-]+)/.exec((await smtp.nextMessageTo('browser@example.org')).text ?? '')![1]!;
    await page.goto(link.replace('http://localhost:8080', base));
    await page.getByRole('button', { name: 'Sign in to paperboy' }).click();
    await expect.poll(() => page.url()).toBe(`${base}/papers/2608.20335`);
    const vote = page.locator('form.vote button').first();
    expect(await vote.textContent()).toBe('▲ 0 votes');
    await vote.click();
    await expect.poll(() => page.locator('form.vote button').first().textContent()).toBe('▲ 1 vote');
    expect(await page.locator('form.vote button').first().getAttribute('aria-pressed')).toBe('true');
    await page.goto(`${base}/account`);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Sign in', exact: true }).count()).toBe(1);
  });

  it('works with script turned off', async () => {
    const page = await openPage({ javaScriptEnabled: false });
    await page.goto(base);
    await page.locator('header input[name=q]').fill('codecs');
    await page.locator('header input[name=q]').press('Enter');
    await expect.poll(() => page.url()).toBe(`${base}/search?q=codecs`);
    await page.locator('input[name=cat]').fill('hep-th');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    expect(await resultTitles(page)).toEqual(['An old-style paper about codecs']);
    await page.getByRole('link', { name: 'An old-style paper about codecs' }).click();
    await expect.poll(() => page.url()).toBe(`${base}/papers/hep-th/9901001`);
    await expect.poll(() => page.locator('#bibtex').inputValue()).toMatch(/eprint = \{hep-th\/9901001\}/);
    expect(await page.getByRole('button', { name: 'Copy BibTeX' }).isVisible()).toBe(false);
    await page.goto(base);
    await page.locator('input[type=date]').fill('2026-08-19');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('#daily-heading').textContent()).toBe('Papers of Wednesday, 19 August 2026');
  });

  it('renders every page at phone and desktop widths, light and dark, without overflowing', async () => {
    const pages = {
      home: '/',
      search: '/search?q=codecs',
      paper: '/papers/2601.00001',
      about: '/about',
      status: '/status',
      'sign-in': '/signin',
      'not-found': '/papers/none',
    };
    for (const [width, device] of [
      [1200, 'desktop'],
      [390, 'phone'],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        const page = await openPage({ viewport: { width, height: 860 }, colorScheme: scheme });
        for (const [name, path] of Object.entries(pages)) {
          const before = problems.length;
          const response = await page.goto(`${base}${path}`);
          expect(response?.status(), path).toBe(name === 'not-found' ? 404 : 200);
          // The one expected failure: the 404 of the missing paper itself.
          if (name === 'not-found')
            expect(
              problems
                .splice(before)
                .map((problem) => problem.replace(base, ''))
                .sort(),
            ).toEqual([
              'HTTP 404: /papers/none',
              'console: Failed to load resource: the server responded with a status of 404 (Not Found)',
            ]);
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at ${width}`).toBeLessThanOrEqual(width);
          await page.screenshot({ path: `${SCREENSHOTS}${name}-${device}-${scheme}.png`, fullPage: true });
        }
        const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        expect(background).toBe(scheme === 'dark' ? 'rgb(21, 23, 26)' : 'rgb(255, 255, 255)');
        await page.goto(`${base}/search?q=codecs`);
        for (const [selector, ratio] of Object.entries(await contrastRatios(page)))
          expect(ratio, `${selector} in ${scheme}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});

/** WCAG contrast of text against its background, for the kinds of text the pages use. */
function contrastRatios(page: Page): Promise<Record<string, number>> {
  const selectors = [
    'main p',
    '.meta',
    '.paper-title',
    '.tags a',
    'mark',
    '.brand',
    'nav.site a',
    'button',
    'input[name=q]',
    'footer.site a',
  ];
  return page.evaluate((wanted) => {
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) =>
      [r!, g!, b!]
        .map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const backgroundOf = (element: Element | null): string => {
      for (let at = element; at; at = at.parentElement) {
        const color = getComputedStyle(at).backgroundColor;
        if (rgb(color)[3] !== 0 && color !== 'transparent') return color;
      }
      return getComputedStyle(document.documentElement).backgroundColor;
    };
    const ratios: Record<string, number> = {};
    for (const selector of wanted) {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`no ${selector} on the page`);
      const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(rgb(backgroundOf(element)))];
      ratios[selector] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }
    return ratios;
  }, selectors);
}
