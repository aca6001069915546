// The peer search engines of the benchmarks, each built over the same
// documents and asked the same queries: MiniSearch (BM25+), Orama (BM25) and
// a plain SQLite FTS5 table ranked by its default bm25().
import Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import { create, insertMultiple, search } from '@orama/orama';
import type { Doc } from './collections.ts';

export interface Engine {
  name: string;
  search(query: string, k: number): Promise<string[]> | string[];
}

export function buildMiniSearch(docs: Doc[]): Engine {
  const index = new MiniSearch<Doc & { authorsText: string }>({ fields: ['title', 'text', 'authorsText'], idField: 'id' });
  index.addAll(docs.map((doc) => ({ ...doc, authorsText: doc.authors.join(', ') })));
  return {
    name: 'minisearch',
    search: (query, k) =>
      index
        .search(query)
        .slice(0, k)
        .map((hit) => String(hit.id)),
  };
}

export async function buildOrama(docs: Doc[]): Promise<Engine> {
  const db = create({ schema: { id: 'string', title: 'string', text: 'string', authors: 'string' } as const });
  await insertMultiple(
    db,
    docs.map((doc) => ({ id: doc.id, title: doc.title, text: doc.text, authors: doc.authors.join(', ') })),
    1000,
  );
  return {
    name: 'orama',
    // threshold 1: documents matching any query term are ranked, as the other engines do.
    search: async (query, k) =>
      (await search(db, { term: query, limit: k, threshold: 1, properties: ['title', 'text', 'authors'] })).hits.map(
        (hit) => hit.document.id,
      ),
  };
}

/** FTS5 out of the box: default tokenizer, default bm25(), the query's words ORed. */
export function buildFts5Default(docs: Doc[]): Engine {
  const db = new Database(':memory:');
  db.exec('CREATE VIRTUAL TABLE docs USING fts5 (id UNINDEXED, title, text, authors)');
  const insert = db.prepare('INSERT INTO docs (id, title, text, authors) VALUES (?, ?, ?, ?)');
  db.transaction(() => docs.forEach((doc) => insert.run(doc.id, doc.title, doc.text, doc.authors.join(', '))))();
  const select = db.prepare('SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?').pluck();
  return {
    name: 'fts5_default',
    search(query, k) {
      const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      return words.length ? (select.all(words.map((word) => `"${word}"`).join(' OR '), k) as string[]) : [];
    },
  };
}
