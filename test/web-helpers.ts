// A web app over real fixtures for route tests: one day of Hugging Face daily
// papers (upvotes, GitHub stars), ten arXiv API results, and papers written to
// be hostile (markup, TeX, an old-style id with a slash).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WebApp } from '../src/web/app.ts';
import { createApp } from '../src/web/app.ts';
import { createTestServices, fixturePath, tempDir } from './helpers.ts';
import type { WebClient } from './web-client.ts';

export const HOSTILE_PAPERS = [
  {
    id: '2601.00001',
    // Markup that survives cleaning at ingest (it is not a well-formed tag), so only escaping stands between it and a page.
    title: 'Bounds for <svg/onload=alert(1)> & $\\alpha^2$ codecs',
    abstract: 'We prove $\\alpha_{t} \\leq \\frac{1}{2}$ for codecs & "quotes" <svg/onload=alert(2)>.\n\nA second paragraph about codecs.',
    authors: ['Ada <svg/onload=alert(3)> Lovelace', 'Alan Turing'],
    categories: ['cs.IT', 'math.IT'],
    published: '2026-01-05',
    updated: '2026-02-10',
  },
  {
    id: 'hep-th/9901001',
    title: 'An old-style paper about codecs',
    abstract: 'Old ids have a slash.',
    authors: ['Ed Witten'],
    categories: ['hep-th'],
    published: '1999-01-04',
  },
];

export async function createWebTestApp(
  env: Record<string, string> = {},
  options: Parameters<typeof createApp>[1] = {},
): Promise<{ app: WebApp; services: Awaited<ReturnType<typeof createTestServices>>['services'] }> {
  const { services } = await createTestServices(env);
  const hostile = join(tempDir(), 'hostile.jsonl');
  writeFileSync(hostile, HOSTILE_PAPERS.map((paper) => JSON.stringify(paper)).join('\n'));
  await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json'), fixturePath('arxiv-api/q_testing_s0_m10.xml')], undefined);
  await services.ingest.ingestFiles([hostile], 'jsonl');
  await services.trending.computeTrending();
  return { app: createApp(services, options), services };
}

export async function html(app: WebApp, path: string, init?: RequestInit): Promise<string> {
  const response = await app.request(path, init);
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return response.text();
}

/** Paper ids linked from a page, in order. */
export function linkedPaperIds(page: string): string[] {
  return [...page.matchAll(/class="paper-title" href="\/papers\/([^"]+)"/g)].map((match) => decodeURIComponent(match[1]!));
}

/** A paper's vote button as a page shows it: pressed or not, the count shown, and this hub's part of it. */
export const votesShown = async (client: WebClient, path: string, id: string) => voteButton(await (await client.request(path)).text(), id);

export function voteButton(page: string, id: string) {
  const form = new RegExp(
    `action="/papers/${id}/vote"[^>]*>.*?aria-pressed="(true|false)"[^>]*>.*?▲ (\\d+) votes?</button></form>(?:<span class="vote-parts"> \\((\\d+) here)?`,
  ).exec(page);
  return form ? { pressed: form[1] === 'true', total: Number(form[2]), here: Number(form[3] ?? form[2]) } : null;
}
