// What the browser tests of the site share: the web app over the test
// fixtures on a loopback port, a real SMTP server for sign-in mail, Debian's
// Chromium, pages that record every console error, page error and failed
// request (a test ends with none), signing in as a reader does, and
// axe-core's accessibility check.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createWebTestApp } from './web-helpers.ts';
import { startSmtpServer } from './smtp-server.ts';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';
import { tokenOf } from './web-client.ts';

export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type BrowserHub = Awaited<ReturnType<typeof startBrowserHub>>;

export async function startBrowserHub(options: Parameters<typeof createWebTestApp>[1] = {}) {
  const executablePath = chromiumPath();
  const smtp = await startSmtpServer();
  const { app, services } = await createWebTestApp({ SMTP_URL: smtp.url }, options);
  const server: ServerType = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];

  /** A new page that records console errors, page errors and failed or refused requests. */
  async function openPage(contextOptions: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...contextOptions });
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

  /** Signs the page's browser in through the link mailed to `email`, as a reader does; back on the page it was on. */
  async function signIn(page: Page, email: string): Promise<void> {
    const back = page.url();
    await page.goto(`${base}/signin?next=${encodeURIComponent(new URL(back).pathname)}`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain(`A sign-in link is on its way to ${email}`);
    await followLink(page, email);
  }

  /** Opens the sign-in link of the newest mail to `email` and presses its button. */
  async function followLink(page: Page, email: string): Promise<void> {
    await page.goto(`${base}/signin/link?token=${tokenOf(await smtp.nextMessageTo(email))}`);
    await page.getByRole('button', { name: 'Sign in to paperboy' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Account' }).count()).toBe(1);
  }

  return {
    base,
    smtp,
    services,
    problems,
    openPage,
    signIn,
    followLink,
    /** Closes the pages of the test that ends; what they recorded must be nothing. */
    async endTest(): Promise<void> {
      await Promise.all(contexts.splice(0).map((context) => context.close()));
      expect(problems.splice(0)).toEqual([]);
    },
    async close(): Promise<void> {
      await browser.close();
      server.close();
      await smtp.close();
    },
  };
}

/** axe-core's serious and critical findings on the page as it is now, one line each. */
export async function accessibilityFindings(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations as {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }[];
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}
