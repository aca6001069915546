// Author pages: an author's papers newest first, the names they appear under
// (accents and case folded, initials joined only when they fit one full name),
// co-authors, categories, a feed, Follow, and every author name linking there.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type WebApp } from '../src/web/app.ts';
import { createTestServices, tempDir } from './helpers.ts';
import { html, linkedPaperIds } from './web-helpers.ts';

const PAPERS = [
  { id: '2601.10001', authors: ['José García', 'Ada Lovelace'], categories: ['cs.CL'], published: '2026-01-01' },
  { id: '2602.10002', authors: ['JOSE GARCIA', 'Ada Lovelace'], categories: ['cs.CL'], published: '2026-02-01' },
  { id: '2603.10003', authors: ['J. García', 'Alan Turing'], categories: ['cs.LG'], published: '2026-03-01' },
  { id: '2604.10004', authors: ['María García'], categories: ['cs.SD'], published: '2026-04-01' },
  { id: '2605.10005', authors: ['Ed <svg/onload=alert(1)> Witten', 'Ada Lovelace'], categories: ['hep-th'], published: '2026-05-01' },
].map((paper) => ({ ...paper, title: `Paper ${paper.id}`, abstract: 'An abstract.' }));

let app: WebApp;
beforeAll(async () => {
  const { services } = await createTestServices();
  const path = join(tempDir(), 'authors.jsonl');
  writeFileSync(path, PAPERS.map((paper) => JSON.stringify(paper)).join('\n'));
  await services.ingest.ingestFiles([path], 'jsonl');
  app = createApp(services);
});

describe('author pages', () => {
  it("list an author's papers newest first under every way of writing the name, with co-authors and categories", async () => {
    const page = await html(app, '/authors/Jos%C3%A9%20Garc%C3%ADa');
    expect(page).toContain('<h1>José García</h1>');
    expect(linkedPaperIds(page)).toEqual(['2603.10003', '2602.10002', '2601.10001']);
    expect(page).toMatch(/3 papers here; also written as (JOSE GARCIA \(1\), J\. García \(1\)|J\. García \(1\), JOSE GARCIA \(1\))\./);
    expect(page).toContain('<a href="/authors/Ada%20Lovelace">Ada Lovelace</a> <span class="muted">(2)</span>');
    expect(page).toContain('cs.CL</a> <span class="muted">(2)</span>');
    // Written without accents, or as the initials, it is the same page.
    expect(linkedPaperIds(await html(app, '/authors/jose%20garcia'))).toEqual(['2603.10003', '2602.10002', '2601.10001']);
    expect(linkedPaperIds(await html(app, '/authors/J.%20Garc%C3%ADa'))).toEqual(['2603.10003', '2602.10002', '2601.10001']);
    expect(linkedPaperIds(await html(app, '/authors/Mar%C3%ADa%20Garc%C3%ADa'))).toEqual(['2604.10004']);
  });

  it('escape names, answer an unknown author with a 404, offer a feed and Follow', async () => {
    const witten = await html(app, `/authors/${encodeURIComponent('Ed <svg/onload=alert(1)> Witten')}`);
    expect(witten).toContain('<h1>Ed &lt;svg/onload=alert(1)&gt; Witten</h1>');
    expect(witten).toContain('name="value" value="Ed &lt;svg/onload=alert(1)&gt; Witten"');
    expect(witten).not.toMatch(/<svg/);
    const missing = await app.request('/authors/Nobody%20Here');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('No paper here names the author “Nobody Here”.');
    expect((await app.request('/authors/%24%24')).status).toBe(400);
    const feed = await (await app.request('/authors.atom?name=Ada%20Lovelace')).text();
    expect([...feed.matchAll(/<id>[^<]*papers\/([^<]+)<\/id>/g)].map((match) => match[1])).toEqual([
      '2605.10005',
      '2602.10002',
      '2601.10001',
    ]);
    expect((await app.request('/authors.atom')).status).toBe(400);
  });

  it('are where author names lead, on cards and on paper pages', async () => {
    const paper = await html(app, '/papers/2603.10003');
    expect(paper).toContain('<a href="/authors/J.%20Garc%C3%ADa">J. García</a>');
    const list = await html(app, '/search?q=abstract');
    expect(list).toContain('<a class="author" href="/authors/Alan%20Turing">Alan Turing</a>');
    expect(list).not.toContain('author%3A');
  });

  it('follow a paper whose authors change, and survive a restart', async () => {
    const first = await createTestServices();
    const path = join(tempDir(), 'before.jsonl');
    writeFileSync(path, PAPERS.map((paper) => JSON.stringify(paper)).join('\n'));
    await first.services.ingest.ingestFiles([path], 'jsonl');
    const corrected = { ...PAPERS[4]!, authors: ['Edward Witten'] };
    writeFileSync(path, JSON.stringify(corrected));
    await first.services.ingest.ingestFiles([path], 'jsonl');
    const ada = await first.services.authors.authorPage('Ada Lovelace', 10);
    expect([ada.total, ada.papers.map((paper) => paper.id)]).toEqual([2, ['2602.10002', '2601.10001']]);
    expect((await first.services.authors.authorPage('Edward Witten', 10)).total).toBe(1);
    await expect(first.services.authors.authorPage('Ed <svg/onload=alert(1)> Witten', 10)).rejects.toThrow(/No paper here names/);
    await first.services.close();
    const again = await createTestServices({}, first.path);
    const variants = (await again.services.authors.authorPage('jose garcia', 10)).variants;
    expect(variants.map((variant) => variant.name).sort()).toEqual(['J. García', 'JOSE GARCIA', 'José García']);
  });
});
