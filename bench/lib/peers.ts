// The peer search engines of the benchmarks, each built over the same
// documents and asked the same queries, configured as a careful user of each
// would: English stop words and stemming where the engine offers them, the
// title weighted as paperboy weighs it (2.5), and the top k asked for where
// the API allows. PEER_SETTINGS says how each is set; the results print it.
import Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import { create, insertMultiple, search } from '@orama/orama';
import { stopwords as englishStopWords } from '@orama/stopwords/english';
import type { Doc } from './collections.ts';
import { STOPWORDS as PAPERBOY_STOP_WORDS } from '../../src/domain/stopwords.ts';

export interface Engine {
  name: string;
  search(query: string, k: number): Promise<string[]> | string[];
}

/** The title weight paperboy uses (tuned on SciFact's train queries), given to every engine that takes one. */
const TITLE_WEIGHT = 2.5;
const STOP_WORDS = new Set(englishStopWords);

export const PEER_SETTINGS = {
  minisearch: `MiniSearch 7.2: fields title, text, authors; processTerm lower-cases, drops ${STOP_WORDS.size} English stop words (@orama/stopwords) and Porter-stems (stemmer); boost title ${TITLE_WEIGHT}; BM25+ defaults. It has no top-k option: search() scores and sorts every match and the first k are taken, as its README shows.`,
  orama: `Orama 3.1: tokenizer language english, stemming on (its English stemmer), the same ${STOP_WORDS.size} stop words; boost title ${TITLE_WEIGHT}; limit k; threshold 1 (documents matching any query word are ranked, as the other engines rank them). It stores a term's frequency already divided by the field's length and then applies BM25's length normalisation again, so long abstracts rank low whatever the settings.`,
  fts5_default:
    'SQLite FTS5 out of the box: unicode61 tokenizer, no stemming, default bm25() (every column weighted 1), the query words ORed.',
  fts5_porter: `SQLite FTS5 as paperboy used it before its own index: porter unicode61 remove_diacritics 2, bm25(${TITLE_WEIGHT}, 1, 1), the query words less paperboy's ${PAPERBOY_STOP_WORDS.size} stop words ORed, LIMIT k.`,
  fts5_porter_each_word_once:
    'fts5_porter with a word the query repeats said once: paperboy counts it √n times, FTS5 n times; this shows what that choice alone does.',
} as const;

/** Lower-cased, stop words dropped, Porter-stemmed: MiniSearch's processTerm. */
function processTerm(term: string): string | null {
  const word = term.toLowerCase();
  return STOP_WORDS.has(word) ? null : stemmer(word);
}

export function buildMiniSearch(docs: Doc[]): Engine {
  const index = new MiniSearch<Doc & { authorsText: string }>({
    fields: ['title', 'text', 'authorsText'],
    idField: 'id',
    processTerm,
    searchOptions: { boost: { title: TITLE_WEIGHT }, processTerm },
  });
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
  const db = create({
    schema: { id: 'string', title: 'string', text: 'string', authors: 'string' } as const,
    components: { tokenizer: { language: 'english', stemming: true, stopWords: [...STOP_WORDS] } },
  });
  await insertMultiple(
    db,
    docs.map((doc) => ({ id: doc.id, title: doc.title, text: doc.text, authors: doc.authors.join(', ') })),
    1000,
  );
  return {
    name: 'orama',
    search: async (query, k) => {
      const found = await search(db, {
        term: query,
        limit: k,
        threshold: 1,
        properties: ['title', 'text', 'authors'],
        boost: { title: TITLE_WEIGHT },
      });
      return found.hits.map((hit) => hit.document.id);
    },
  };
}

/** FTS5 out of the box: default tokenizer, default bm25(), the query's words ORed. */
export function buildFts5Default(docs: Doc[]): Engine {
  return buildFts5(docs, { name: 'fts5_default', tokenizer: 'unicode61', rank: 'rank', stopWords: new Set() });
}

/** FTS5 as paperboy's own index replaced it: Porter stemming, the title weighted, stop words left out of the query. */
export function buildFts5Porter(docs: Doc[], { eachWordOnce = false } = {}): Engine {
  return buildFts5(docs, {
    name: eachWordOnce ? 'fts5_porter_each_word_once' : 'fts5_porter',
    tokenizer: 'porter unicode61 remove_diacritics 2',
    rank: `bm25(docs, 0, ${TITLE_WEIGHT}, 1, 1)`,
    stopWords: PAPERBOY_STOP_WORDS,
    eachWordOnce,
  });
}

function buildFts5(
  docs: Doc[],
  settings: { name: string; tokenizer: string; rank: string; stopWords: Set<string>; eachWordOnce?: boolean },
): Engine {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5 (id UNINDEXED, title, text, authors, tokenize = '${settings.tokenizer}')`);
  const insert = db.prepare('INSERT INTO docs (id, title, text, authors) VALUES (?, ?, ?, ?)');
  db.transaction(() => docs.forEach((doc) => insert.run(doc.id, doc.title, doc.text, doc.authors.join(', '))))();
  const select = db.prepare(`SELECT id FROM docs WHERE docs MATCH ? ORDER BY ${settings.rank} LIMIT ?`).pluck();
  return {
    name: settings.name,
    search(query, k) {
      const all = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      const kept = all.filter((word) => !settings.stopWords.has(word));
      const said = kept.length ? kept : all;
      const words = settings.eachWordOnce ? [...new Set(said)] : said;
      return words.length ? (select.all(words.map((word) => `"${word}"`).join(' OR '), k) as string[]) : [];
    },
  };
}
