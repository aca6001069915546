import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { createTestServices, fixturePath } from '../../test/helpers.ts';

async function appWithPapers() {
  const { services } = createTestServices();
  await services.ingest.ingestFiles([fixturePath('arxiv-api/q_testing_s0_m10.xml')], undefined);
  return createApp(services);
}

describe('web app', () => {
  it('lists the newest papers with a search box', async () => {
    const response = await (await appWithPapers()).request('/');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<input type="search" name="q"');
    expect(html.match(/<li>/g)).toHaveLength(10);
  });

  it('searches by keyword and escapes what it echoes', async () => {
    const app = await appWithPapers();
    const html = await (await app.request('/?q=metamorphic')).text();
    expect(html.match(/<li>/g)).toHaveLength(1);
    expect(html).toContain('<mark>metamorphic</mark>');
    expect(html).toContain('Testing Deep Learning Models');
    const empty = await (await app.request('/?q=zzzqqq')).text();
    expect(empty).toContain('No papers match.');
    const hostile = await app.request(`/?q=${encodeURIComponent('"<script>x</script> NEAR( AND * OR')}`);
    expect(hostile.status).toBe(200);
    expect(await hostile.text()).not.toContain('<script>x');
  });

  it('goes straight to a paper named by its arXiv id', async () => {
    const response = await (await appWithPapers()).request('/?q=arXiv:2202.12139v1');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://arxiv.org/abs/2202.12139');
  });

  it('answers 404 for unknown pages and reports health', async () => {
    const app = await appWithPapers();
    expect((await app.request('/nope')).status).toBe(404);
    expect(await (await app.request('/healthz')).json()).toEqual({ ok: true, papers: 10 });
  });
});
