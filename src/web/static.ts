// The stylesheet and script, read once at start and served with a content
// hash: pages link "/static/app.css?v=HASH", cached for a year; the ETag
// answers anything else.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface StaticFile {
  body: string;
  type: string;
  version: string;
}

const TYPES = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', svg: 'image/svg+xml' } as const;

function load(name: string, type: string): StaticFile {
  const body = readFileSync(new URL(`./static/${name}`, import.meta.url), 'utf8');
  return { body, type, version: createHash('sha1').update(body).digest('hex').slice(0, 12) };
}

export const STATIC_FILES: ReadonlyMap<string, StaticFile> = new Map([
  ['app.css', load('app.css', TYPES.css)],
  ['app.js', load('app.js', TYPES.js)],
  ['favicon.svg', load('favicon.svg', TYPES.svg)],
]);

/** The versioned URL pages use. */
export function staticUrl(name: 'app.css' | 'app.js' | 'favicon.svg'): string {
  return `/static/${name}?v=${STATIC_FILES.get(name)!.version}`;
}
