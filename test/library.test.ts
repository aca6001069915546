// The library through pages and the API: the reading list, collections,
// saving and removing, import (ids, links, BibTeX text and files) and export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/web/app.ts';
import { OPENAPI_DOCUMENT } from '../src/web/openapi.ts';
import { parseBibtex } from '../src/domain/bibtex-parse.ts';
import { createTestServices, fixturePath } from './helpers.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { WebClient } from './web-client.ts';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

async function signedIn(email = 'reader@example.org') {
  const setup = await createTestServices({ SMTP_URL: smtp.url, ADMIN_EMAILS: 'admin@example.org' });
  await setup.services.ingest.ingestFiles(
    [fixturePath('hf-daily/2026-08-21.json'), fixturePath('arxiv-api/q_testing_s0_m10.xml')],
    undefined,
  );
  const app = createApp(setup.services);
  const client = () => new WebClient((path, init) => app.request(path, init));
  const reader = client();
  await reader.signIn(smtp, email);
  return { ...setup, client, reader };
}

const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

describe('library', () => {
  it('saves from a paper page and from a card, shows where a paper is saved, removes, and needs sign-in', async () => {
    const { reader, client } = await signedIn();
    const page = await (await reader.request('/papers/2608.19880')).text();
    const listId = /<input type="hidden" name="collection" value="(\d+)"\/><button type="submit" class="small">Save to Reading list/.exec(
      page,
    )![1]!;
    const saved = await reader.postForm('/library/save', { collection: listId, paper: '2608.19880', next: '/papers/2608.19880' });
    expect(saved.headers.get('location')).toBe('/papers/2608.19880');
    const after = await (await reader.request('/papers/2608.19880')).text();
    expect(after).toContain(`Saved in </span><a href="/library/${listId}">Reading list</a>`);
    expect(after).toMatch(/Remove<span class="sr-only"> “[^”]+” from Reading list<\/span>/);
    expect(after).not.toContain('Save to Reading list');
    // A card's Save goes to the reading list and comes back to the card.
    const fromCard = await reader.postForm('/library/save', {
      paper: '2202.12139',
      place: 'card',
      next: '/daily/2026-08-20#paper-2202.12139',
    });
    expect(fromCard.headers.get('location')).toBe('/daily/2026-08-20#paper-2202.12139');
    const list = await (await reader.request(`/library/${listId}`)).text();
    expect(list).toContain('2 papers · export as');
    expect(list).toContain('href="/papers/2608.19880"');
    await reader.postForm(`/library/${listId}/papers/2608.19880/remove`, { next: `/library/${listId}` });
    expect(await (await reader.request(`/library/${listId}`)).text()).toContain('1 paper · export as');
    expect((await client().request(`/library/${listId}`)).headers.get('location')).toBe(`/signin?next=%2Flibrary%2F${listId}`);
    const stranger = client();
    await stranger.signIn(smtp, 'stranger@example.org');
    expect((await stranger.request(`/library/${listId}`)).status).toBe(404);
    expect((await stranger.postForm('/library/save', { collection: listId, paper: '2608.20335' })).status).toBe(404);
  });

  it('saves in place for script, and carries a signed-out save through sign-in', async () => {
    const { reader, client } = await signedIn();
    const part = await reader.postForm('/library/save', { paper: '2608.20335', place: 'card', fragment: '1' });
    const html = await part.text();
    expect(html.startsWith('<span class="part save" id="save-2608.20335" data-part="true"><span>Saved in </span>')).toBe(true);
    expect(html).toContain('>Reading list</a>');
    const stranger = client();
    const asked = await stranger.postForm('/library/save', { paper: '2608.19880', place: 'card', next: '/#paper-2608.19880' });
    expect(asked.headers.get('location')).toBe('/signin?next=%2F%23paper-2608.19880&intent=save%3A2608.19880');
    expect(await (await stranger.request(asked.headers.get('location')!)).text()).toContain('Sign in to save “');
    await stranger.signIn(smtp, 'later@example.org', '/#paper-2608.19880', { intent: 'save:2608.19880' });
    const { body } = await json(await stranger.request('/api/library'));
    const readingList = (body.collections as { id: number; papers: number; isDefault: boolean }[]).find((each) => each.isDefault)!;
    expect(readingList.papers).toBe(1);
    expect(await (await stranger.request('/papers/2608.19880')).text()).toContain('>Reading list</a>');
  });

  it('makes named collections, answers a twin name on the same form, and deletes only after asking', async () => {
    const { reader } = await signedIn();
    const made = await reader.postForm('/library', { name: '  Agents   reading group ' });
    const id = /\/library\/(\d+)$/.exec(made.headers.get('location')!)![1]!;
    expect(await (await reader.request('/library')).text()).toContain(`<a href="/library/${id}">Agents reading group</a>`);
    const twin = await reader.postForm('/library', { name: 'Agents reading group' });
    expect(twin.status).toBe(409);
    const form = await twin.text();
    expect(form).toContain('role="alert">You already have a collection named &quot;Agents reading group&quot;.</p>');
    expect(form).toContain('value="Agents reading group" aria-invalid="true"');
    expect((await reader.postForm('/library', { name: '' })).status).toBe(400);
    const { body } = await json(await reader.request('/api/library'));
    const readingList = (body.collections as { id: number; isDefault: boolean }[]).find((collection) => collection.isDefault)!;
    expect((await reader.postForm(`/library/${readingList.id}/delete`, {})).status).toBe(400);
    const collection = await (await reader.request(`/library/${id}`)).text();
    expect(collection).toContain(`<a href="/library/${id}/delete">Delete this collection…</a>`);
    expect(collection).not.toContain(`action="/library/${id}/delete"`);
    const ask = await (await reader.request(`/library/${id}/delete`)).text();
    expect(ask).toContain('<h1>Delete “Agents reading group”?</h1>');
    expect(ask).toContain(`<a href="/library/${id}">Keep it</a>`);
    const deleted = await reader.postForm(`/library/${id}/delete`, {});
    expect(deleted.headers.get('location')).toBe('/library?deleted=Agents+reading+group');
    expect(await (await reader.request(deleted.headers.get('location')!)).text()).toContain('Deleted “Agents reading group”.');
    expect((await reader.request(`/library/${id}`)).status).toBe(404);
  });

  it('imports arXiv ids, arXiv and Hugging Face links and BibTeX, together or as a file, then shows the report by GET', async () => {
    const { reader } = await signedIn();
    const { body } = await json(await reader.postJson('/api/library', { name: 'Imported' }));
    const id = body.id as number;
    const pasted = await reader.postForm(`/library/${id}/import`, {
      text: '2608.19880v2, https://huggingface.co/papers/2608.20335\narXiv:2999.00001 nonsense',
    });
    expect(pasted.status).toBe(303);
    const reportPath = pasted.headers.get('location')!;
    expect(reportPath).toMatch(new RegExp(`^/library/${id}\\?report=[\\w-]+$`));
    const page = await (await reader.request(reportPath)).text();
    expect(page).toContain('Imported 2 papers.');
    expect(page).toContain('Not in this hub (yet): 1 paper: 2999.00001.');
    expect(page).toContain('Not understood: 1 item: nonsense.');
    // Reloading the report imports nothing again.
    expect(await (await reader.request(reportPath)).text()).toContain('2 papers · export as');
    const mixed = await reader.postForm(`/library/${id}/import`, {
      text: '2608.19880\n@misc{a, eprint = {2202.12139}}\nhttps://arxiv.org/abs/2405.13786\n',
    });
    const mixedReport = await (await reader.request(mixed.headers.get('location')!)).text();
    expect(mixedReport).toContain('Imported 2 papers.');
    expect(mixedReport).toContain('Already in this collection: 1 paper: 2608.19880.');
    const file = new FormData();
    file.set('csrf', await reader.csrf());
    file.set('file', new File(['@misc{a, eprint = {2202.12139}}\n@book{b, title = {No id}}'], 'refs.bib', { type: 'text/plain' }));
    const uploaded = await reader.request(`/library/${id}/import`, { method: 'POST', body: file });
    const uploadReport = await (await reader.request(uploaded.headers.get('location')!)).text();
    expect(uploadReport).toContain('Imported 0 papers.');
    expect(uploadReport).toContain('Already in this collection: 1 paper: 2202.12139.');
    expect(uploadReport).toContain('Not understood: 1 item: b.');
    const api = await json(
      await reader.postJson(`/api/library/${id}/import`, { text: '@article{c, note = {arXiv:2401.00001}} 2608.20335' }),
    );
    expect(api.body).toEqual({ added: [], already: ['2608.20335'], notHere: ['2401.00001'], unreadable: [] });
    const { body: shown } = await json(await reader.request(`/api/library/${id}`));
    expect((shown.papers as { id: string }[]).map((paper) => paper.id).sort()).toEqual([
      '2202.12139',
      '2405.13786',
      '2608.19880',
      '2608.20335',
    ]);
  });

  it('reports an entry that misses its closing brace, and reads a hostile file in one pass', { timeout: 60_000 }, async () => {
    const { reader } = await signedIn();
    const { body } = await json(await reader.postJson('/api/library', { name: 'Hostile' }));
    const id = body.id as number;
    const unclosed = await json(
      await reader.postJson(`/api/library/${id}/import`, { text: '@misc{a, eprint = {2202.12139}}\n@misc{b, eprint = {2405.13786},\n' }),
    );
    expect(unclosed.body).toEqual({
      added: ['2202.12139'],
      already: [],
      notHere: [],
      unreadable: ['b: not closed: the entry on line 2 misses a closing }'],
    });
    // @a{ over and over (as a 60 KB paste, and as a megabyte file): each entry is reported, so the import names too many.
    for (const text of ['@a{'.repeat(20_000), '@a{'.repeat(333_000)]) {
      const hostile = await reader.postJson(`/api/library/${id}/import`, { text });
      expect(hostile.status).toBe(400);
      expect(((await hostile.json()) as { error: { message: string } }).error.message).toBe('An import can name at most 5,000 papers.');
    }
    const page = await reader.postForm(`/library/${id}/import`, { text: `@misc{a, eprint = {2202.12139}}\n${'@a{'.repeat(100)}` });
    expect(await (await reader.request(page.headers.get('location')!)).text()).toContain(
      'Not understood: 100 items: (an entry without a key): not closed: the entry on line 2 misses a closing }',
    );
  });

  it('exports a collection as BibTeX that reads back, and as JSON', async () => {
    const { reader } = await signedIn();
    const { body } = await json(await reader.postJson('/api/library', { name: 'Export' }));
    const id = body.id as number;
    for (const paperId of ['2608.19880', '2202.12139'])
      expect((await reader.postJson(`/api/library/${id}/papers`, { paperId })).status).toBe(201);
    const bib = await reader.request(`/library/${id}/export.bib`);
    expect(bib.headers.get('content-disposition')).toBe(`attachment; filename="collection-${id}.bib"`);
    expect(
      parseBibtex(await bib.text())
        .map((entry) => entry.arxivId)
        .sort(),
    ).toEqual(['2202.12139', '2608.19880']);
    const exported = await json(await reader.request(`/library/${id}/export.json`));
    expect(exported.body).toMatchObject({
      collection: 'Export',
      papers: [{ id: expect.any(String), title: expect.any(String) }, { id: expect.any(String) }],
    });
    expect(await (await reader.request(`/api/library/${id}/export?format=bibtex`)).text()).toContain('eprint = {2202.12139}');
    expect((await reader.request(`/api/library/${id}/export?format=ris`)).status).toBe(400);
    expect(
      (await reader.request(`/api/library/${id}/papers/2202.12139`, { method: 'DELETE', headers: { 'X-CSRF-Token': await reader.csrf() } }))
        .status,
    ).toBe(200);
    expect(((await json(await reader.request(`/api/library/${id}`))).body.papers as unknown[]).length).toBe(1);
  });

  it('answers the API as documented, and refuses the signed-out and the cross-site', async () => {
    const { reader, client } = await signedIn();
    const { body } = await json(await reader.request('/api/library'));
    const id = (body.collections as { id: number }[])[0]!.id;
    for (const [path, operations] of Object.entries(OPENAPI_DOCUMENT.paths).filter(([path]) => path.startsWith('/api/library'))) {
      const get = (
        operations as { get?: { responses: { '200': { content: { 'application/json': { schema: { required?: string[] } } } } } } }
      ).get;
      if (!get) continue;
      const answer = await json(await reader.request(path.replace('{id}', String(id))));
      for (const field of get.responses['200'].content['application/json'].schema.required ?? [])
        expect(answer.body, `${path} ${field}`).toHaveProperty(field);
    }
    expect(await json(await client().request('/api/library'))).toEqual({
      status: 401,
      body: { error: { kind: 'unauthorized', message: 'Sign in first.' } },
    });
    expect((await reader.postJson('/api/library', { name: 'x' }, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await reader.request('/api/library?sort=x')).status).toBe(400);
    const huge = await reader.postJson(`/api/library/${id}/import`, { text: 'x'.repeat(5 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ error: { kind: 'too_large', message: 'A request can carry at most 4 MB.' } });
  });
});
