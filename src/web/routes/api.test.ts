import { beforeAll, describe, expect, it } from 'vitest';
import type { WebApp } from '../app.ts';
import { createWebTestApp } from '../../../test/web-helpers.ts';
import { OPENAPI_DOCUMENT } from '../openapi.ts';
import { API_PARAMETERS } from './api.ts';

let app: WebApp;
beforeAll(async () => {
  ({ app } = await createWebTestApp());
});

async function json(path: string): Promise<Record<string, unknown> & { papers: { id: string }[] }> {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return response.json();
}

async function error(path: string, status: number, kind: string): Promise<string> {
  const response = await app.request(path);
  expect(response.status, path).toBe(status);
  const body = (await response.json()) as { error: { kind: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.kind, path).toBe(kind);
  return body.error.message;
}

describe('JSON API', () => {
  it('searches with every filter and pages with a cursor to the end, each paper once', async () => {
    const seen: string[] = [];
    let path: string | null = '/api/papers?cat=cs&sort=newest&limit=3';
    while (path) {
      const page = (await json(path)) as Awaited<ReturnType<typeof json>> & { nextCursor: string | null };
      seen.push(...page.papers.map((paper) => paper.id));
      path = page.nextCursor ? `/api/papers?cat=cs&sort=newest&limit=3&cursor=${page.nextCursor}` : null;
    }
    expect(seen.length).toBeGreaterThan(6);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await json('/api/papers?q=codecs&cat=hep-th')).papers.map((paper) => paper.id)).toEqual(['hep-th/9901001']);
    expect((await json('/api/papers?q=codecs&before=2000-01-01')).papers.map((paper) => paper.id)).toEqual(['hep-th/9901001']);
    const withCode = await json('/api/papers?code=1&limit=100');
    expect(withCode.papers.every((paper) => (paper as unknown as { codeUrl: string | null }).codeUrl)).toBe(true);
    expect((await json('/api/papers?q=2608.19880')).papers.map((paper) => paper.id)).toEqual(['2608.19880']);
  });

  it('returns a paper with BibTeX, its similar papers, trending and daily lists', async () => {
    const paper = await json('/api/papers/hep-th%2F9901001');
    expect(paper).toMatchObject({ id: 'hep-th/9901001', url: 'http://localhost/papers/hep-th/9901001' });
    expect(paper.bibtex).toContain('eprint = {hep-th/9901001}');
    expect((await json('/api/papers/2601.00001/similar?limit=3')).papers.map((p) => p.id)).toContain('hep-th/9901001');
    const trending = await json('/api/trending?window=week&limit=2');
    expect(trending).toMatchObject({ window: 'week', asOf: expect.stringMatching(/^2026-08-2/) });
    expect(trending.papers.map((p) => p.id)[0]).toBe('2608.19880');
    const rest = await json(`/api/trending?window=week&limit=100&cursor=${trending.nextCursor}`);
    expect(rest.papers.length).toBe((trending.total as number) - 2);
    const daily = await json('/api/daily?date=2026-08-19');
    expect(daily).toMatchObject({ date: '2026-08-19', nextDate: '2026-08-20', total: 1 });
    expect(await json('/api/daily?date=9999-12-31')).toMatchObject({ date: '9999-12-31', nextDate: null, total: 0 });
    expect(await json('/api/daily?date=0001-01-01')).toMatchObject({ previousDate: null, total: 0 });
  });

  it('answers every error in one shape with the right status', async () => {
    expect(await error('/api/papers/2999.99999', 404, 'not_found')).toBe('no paper 2999.99999');
    expect(await error('/api/papers?q=x&sort=stars', 400, 'invalid')).toContain('sort');
    expect(await error('/api/papers?q=x&limit=0', 400, 'invalid')).toContain('limit');
    expect(await error('/api/papers?q=x&after=yesterday', 400, 'invalid')).toContain('yesterday');
    expect(await error('/api/papers?q=x&cat=%3Cb%3E', 400, 'invalid')).toContain('cat');
    expect(await error('/api/papers', 400, 'invalid')).toContain('q');
    expect(await error('/api/papers?q=x&cursor=forged', 400, 'invalid')).toContain('cursor');
    expect(await error('/api/trending?cursor=forged', 400, 'invalid')).toContain('cursor');
    expect(await error('/api/daily?date=2026-13-01', 400, 'invalid')).toContain('2026-13-01');
    for (const date of ['0000-12-31', '10000-01-01', '+010000-01-01'])
      expect(await error(`/api/daily?date=${encodeURIComponent(date)}`, 400, 'invalid')).toContain('from 0001-01-01 to 9999-12-31');
    expect(await error('/api/papers?q=x&after=0000-01-01', 400, 'invalid')).toContain('0000-01-01');
    expect(await error('/api/nothing', 404, 'not_found')).toContain('/api/nothing');
  });

  it('allows cross-origin GET', async () => {
    const response = await app.request('/api/trending', { headers: { Origin: 'https://elsewhere.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await app.request('/api/papers', {
      method: 'OPTIONS',
      headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,HEAD,OPTIONS');
  });
});

describe('OpenAPI document', () => {
  const documented = Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );

  it('lists exactly the routes the app has under /api', async () => {
    const routes = app.routes
      .filter((route) => route.path.startsWith('/api/') && route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path.replace(/:([a-z]+)/g, '{$1}')}`);
    expect(new Set(routes)).toEqual(new Set(documented));
  });

  type Operation = {
    parameters?: readonly { in: string; name: string }[];
    responses: { '200': { content: { 'application/json': { schema: Schema } } } };
  };
  const reads = Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, operations]) =>
    'get' in operations ? [[path, { get: operations.get as Operation }] as const] : [],
  );
  /** Reads open to anyone; the library's are tested signed in (test/library.test.ts). */
  const publicReads = reads.filter(([, operations]) => !('401' in operations.get.responses));

  it('describes what each route answers: its required fields are there', async () => {
    const examples: Record<string, string> = { '{id}': '2601.00001' };
    for (const [path, operations] of publicReads) {
      const url = path.replace(/\{[a-z]+\}/g, (name) => examples[name]!) + (path === '/api/papers' ? '?q=codecs' : '');
      const body = (await json(url)) as Record<string, unknown>;
      const schema = resolve(operations.get.responses['200'].content['application/json'].schema);
      for (const field of schema.required ?? []) expect(body, `${url} ${field}`).toHaveProperty(field);
      const itemSchema = schema.properties?.papers?.items;
      if (itemSchema)
        for (const paper of body.papers as object[])
          for (const field of requiredOf(itemSchema)) expect(paper, `${url} papers[].${field}`).toHaveProperty(field);
    }
  });

  it('declares exactly the query parameters each route takes, and the routes refuse others', async () => {
    for (const [path, operations] of reads) {
      const operation = operations.get;
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      expect(declared.sort(), path).toEqual([...API_PARAMETERS[path.replace(/\{([a-z]+)\}/g, ':$1')]!].sort());
    }
    expect(await error('/api/papers?q=x&category=cs.CL', 400, 'invalid')).toBe(
      'category: not a parameter here; this takes q, cat, code, after, before, sort, cursor, limit',
    );
  });
});

type Schema = {
  $ref?: string;
  required?: readonly string[];
  properties?: Record<string, Schema & { items?: Schema }>;
  allOf?: readonly Schema[];
};

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').at(-1) as keyof typeof OPENAPI_DOCUMENT.components.schemas;
  return OPENAPI_DOCUMENT.components.schemas[name] as Schema;
}

function requiredOf(schema: Schema): string[] {
  const resolved = resolve(schema);
  return [...(resolved.required ?? []), ...(resolved.allOf ?? []).flatMap(requiredOf)];
}

describe('sort by trending', () => {
  it('puts trending papers first among the matches, the rest in their order, and pages through all', async () => {
    const all = (await (await app.request('/api/papers?after=2026-08-01&sort=newest&limit=100')).json()) as { papers: { id: string }[] };
    const trending = (await (await app.request('/api/trending?window=week&limit=100')).json()) as { papers: { id: string }[] };
    const first = (await (await app.request('/api/papers?after=2026-08-01&sort=trending&limit=5')).json()) as {
      papers: { id: string }[];
      nextCursor: string;
    };
    const rest = (await (await app.request(`/api/papers?after=2026-08-01&sort=trending&limit=100&cursor=${first.nextCursor}`)).json()) as {
      papers: { id: string }[];
    };
    const ids = [...first.papers, ...rest.papers].map((paper) => paper.id);
    const scored = trending.papers.map((paper) => paper.id).filter((id) => all.papers.some((paper) => paper.id === id));
    expect(ids.slice(0, scored.length)).toEqual(scored);
    expect(ids.slice(scored.length)).toEqual(all.papers.map((paper) => paper.id).filter((id) => !scored.includes(id)));
  });
});
