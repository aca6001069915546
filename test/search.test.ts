// Search over the real demo corpus: operators, filters, sort, cursors,
// snippets, hostile input and similar papers.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, fts5Twin, tempDir } from './helpers.ts';
import type { Services } from '../src/services.ts';
import type { Db } from '../src/db/open.ts';
import { createLexicalSearch, DEFAULT_RANKING } from '../src/search/lexical.ts';
import { createIndexReader } from '../src/text-index/reader.ts';
import { COUNT_CAP, createSearch, TRENDING_DEPTH } from '../src/search/search.ts';
import { createPaperReader } from '../src/db/papers-read.ts';
import { parseQuery } from '../src/domain/query.ts';
import { termsOf } from '../src/domain/terms.ts';

let services: Services;
let db: Db;

beforeAll(async () => {
  ({ services, db } = await createTestServices());
  await services.ingest.importDemoCorpus();
}, 60_000);

const search = (query: string, options = {}) => services.search.searchPapers(query, options);

/** The demo corpus in SQLite, where FTS5 is: the test store itself, or a SQLite copy beside PostgreSQL. */
let fts5Db: Db | null = null;
/** FTS5 over the same papers, built once. */
async function withFts5(): Promise<Db> {
  return (fts5Db ??= await fts5Twin(db));
}
const paper = async (id: string) => (await services.papers.getPaper(id))!;

describe('search filters and operators', () => {
  it('filters by category, with a bare archive matching its subcategories', async () => {
    const hits = (await search('speech cat:cs.SD', { limit: 50 })).hits;
    expect(hits.length).toBeGreaterThan(20);
    for (const hit of hits) expect((await paper(hit.id)).categories).toContain('cs.SD');
    const archive = (await search('speech cat:eess', { limit: 50 })).hits;
    for (const hit of archive) expect((await paper(hit.id)).categories.some((category) => category.startsWith('eess.'))).toBe(true);
  });

  it('filters by code, dates and year', async () => {
    for (const hit of (await search('diffusion has:code', { limit: 50 })).hits) expect(hit.hasCode).toBe(true);
    const dated = (await search('diffusion after:2026-06-20 before:2026-06-25', { limit: 100 })).hits;
    expect(dated.length).toBeGreaterThan(5);
    for (const hit of dated) expect(hit.publishedAt! >= '2026-06-20' && hit.publishedAt! < '2026-06-25').toBe(true);
    for (const hit of (await search('transformer year:2025', { limit: 100 })).hits) expect(hit.publishedAt!.slice(0, 4)).toBe('2025');
  });

  it('matches phrases and authors, and leaves out excluded words', async () => {
    for (const hit of (await search('"speech codec"', { limit: 20 })).hits)
      expect((await paper(hit.id)).title + (await paper(hit.id)).abstract).toMatch(/speech codecs?/i);
    const lecun = (await search('author:"Yann LeCun"')).hits;
    expect(lecun.length).toBeGreaterThan(0);
    for (const hit of lecun) expect(hit.authors).toContain('Yann LeCun');
    for (const hit of (await search('speech -codec -codecs', { limit: 50 })).hits)
      expect((await paper(hit.id)).title + (await paper(hit.id)).abstract).not.toMatch(/codec/i);
  });

  it('matches authors and phrases in a row whatever their case and accents, among long author lists', async () => {
    const local = (await createTestServices()).services;
    const file = join(tempDir(), 'names.jsonl');
    const crowd = Array.from({ length: 400 }, (_unused, index) => `Yi Member${index} Li`).join(', ');
    const records = [
      { id: 'a', title: 'Running Models quickly', abstract: 'Fast inference.', authors: ['José Álvarez-García', 'Yi Wang'] },
      { id: 'b', title: 'Models running', abstract: 'Slow inference.', authors: ['Wang Yi', 'JOSE ALVAREZ'] },
      { id: 'c', title: 'A collaboration', abstract: 'Inference at scale.', authors: [crowd, 'Émile Yi'] },
    ];
    writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
    await local.ingest.ingestFiles([file], 'jsonl');
    const ids = async (query: string) => (await local.search.searchPapers(query)).hits.map((hit) => hit.id).sort();
    expect(await ids('author:"Jose Alvarez"')).toEqual(['jsonl:a', 'jsonl:b']);
    expect(await ids('author:"alvarez garcia"')).toEqual(['jsonl:a']);
    expect(await ids('author:"Yi Wang"')).toEqual(['jsonl:a']);
    expect(await ids('author:"wang yi"')).toEqual(['jsonl:b']);
    expect(await ids('author:"emile yi"')).toEqual(['jsonl:c']);
    expect(await ids('"run model"')).toEqual(['jsonl:a']);
    expect(await ids('inference -"model running"')).toEqual(['jsonl:a', 'jsonl:c']);
  });

  it('browses the newest papers for filters alone', async () => {
    const hits = (await search('cat:cs.SD', { limit: 10 })).hits;
    expect(hits).toHaveLength(10);
    const dates = hits.map((hit) => hit.publishedAt ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('goes to a named paper, and says so when it is not here', async () => {
    expect((await search('https://arxiv.org/abs/2506.23325v2')).paperId).toBe('2506.23325');
    const missing = await search('2101.00001');
    expect(missing.paperId).toBeNull();
    expect(missing.notes[0]).toMatch(/arXiv paper 2101\.00001 is not in this hub yet/);
  });
});

describe('ranking', () => {
  it('scores every paper as FTS5 bm25() does with the same weights, on either store', async () => {
    const { title, abstract, authors } = DEFAULT_RANKING.weights;
    const fts5 = (await (
      await withFts5()
    ).all(
      `SELECT rowid AS seq, bm25(papers_fts, ${title}, ${abstract}, ${authors}) AS score FROM papers_fts WHERE papers_fts MATCH ? ORDER BY score, rowid`,
      ['"vocoder" OR "codec" OR "learning"'],
    )) as { seq: number; score: number }[];
    const ours = await createLexicalSearch(db).search({ query: parseQuery('vocoder codec learning'), sort: 'relevance', limit: 5000 });
    expect(ours.length).toBeGreaterThan(100);
    // Papers are numbered in the order they were imported, the same on both stores.
    expect(ours.map((hit) => hit.seq)).toEqual(fts5.map((row) => row.seq));
    ours.forEach((hit, index) => expect(hit.score).toBeCloseTo(fts5[index]!.score, 9));
  });

  it('splits every paper into the words the FTS5 tokenizer sees, with the same stems bar a rare few', async () => {
    const db = await withFts5();
    await db.script("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_words USING fts5vocab(main, 'papers_fts', 'instance')");
    const fts5 = new Map<string, string[]>();
    for (const row of (await db.all('SELECT doc, col, term FROM temp.fts_words ORDER BY doc, col, offset')) as Iterable<{
      doc: number;
      col: string;
      term: string;
    }>) {
      const key = `${row.doc} ${row.col}`;
      fts5.set(key, [...(fts5.get(key) ?? []), row.term]);
    }
    const papers = (await db.all('SELECT seq, title, paper_abstract(abstract) AS abstract, authors FROM papers')) as {
      seq: number;
      title: string;
      abstract: string;
      authors: string;
    }[];
    expect(papers.length).toBeGreaterThan(4000);
    let words = 0;
    const differing = new Set<string>();
    for (const paper of papers) {
      for (const column of ['title', 'abstract', 'authors'] as const) {
        const ours = termsOf(paper[column]);
        const theirs = fts5.get(`${paper.seq} ${column}`) ?? [];
        expect(ours.length).toBe(theirs.length);
        words += ours.length;
        ours.forEach((term, at) => term !== theirs[at] && differing.add(`${term} ${theirs[at]}`));
      }
    }
    expect(words).toBeGreaterThan(1_000_000);
    // FTS5's Porter reads y as a consonant in step 1b's double-letter rule ("seyyed": FTS5 "sei", ours "seyi").
    expect([...differing]).toEqual(['seyi sei']);
  });

  it('keeps the most used postings in memory up to its bound, and ranks the same with none kept', async () => {
    const kept = createIndexReader(db, () => db.changes());
    const none = createIndexReader(db, () => db.changes(), 0);
    await Promise.all([kept.refresh(), none.refresh()]);
    expect(await kept.postings('speech')).toBe(await kept.postings('speech'));
    expect(await none.postings('speech')).not.toBe(await none.postings('speech'));
    const query = { query: parseQuery('speech codec learning'), sort: 'relevance' as const, limit: 100 };
    const ranked = await createLexicalSearch(db).search(query);
    expect(ranked.length).toBe(100);
    expect(await createLexicalSearch(db, DEFAULT_RANKING, 0).search(query)).toEqual(ranked);
  });

  it('counts a word the query repeats n times √n times', async () => {
    const index = createLexicalSearch(db);
    const once = await index.search({ query: parseQuery('codec'), sort: 'relevance', limit: 50 });
    const fourTimes = await index.search({ query: parseQuery('codec codec codec codec'), sort: 'relevance', limit: 50 });
    expect(fourTimes.map((hit) => hit.seq)).toEqual(once.map((hit) => hit.seq));
    fourTimes.forEach((hit, at) => expect(hit.score).toBeCloseTo(2 * once[at]!.score, 9));
  });

  it('counts the papers a ranked query matches up to the cap, hidden papers left out, however a term is held', async () => {
    const index = createLexicalSearch(db);
    const count = async (text: string) =>
      (await index.searchCounted({ query: parseQuery(text), sort: 'relevance', limit: 1, after: null }, COUNT_CAP + 1)).count;
    const holders = (text: string) => index.search({ query: parseQuery(text), sort: 'relevance', limit: 10_000 });
    // A word held by a few more papers than are counted.
    const words = new Set((await holders('learning')).flatMap((hit) => hit.title.toLowerCase().match(/[a-z]{5,}/g) ?? []));
    let word = '';
    let held: Awaited<ReturnType<typeof holders>> = [];
    for (const candidate of words) {
      held = await holders(candidate);
      word = candidate;
      if (held.length > COUNT_CAP + 1 && held.length < COUNT_CAP + 40) break;
    }
    expect(held.length).toBeGreaterThan(COUNT_CAP + 1);
    expect(await count(word)).toBe(COUNT_CAP + 1);
    // Hidden, all but COUNT_CAP of them: the count is theirs, not the term's.
    const hidden = held.slice(COUNT_CAP).map((hit) => hit.id);
    for (const id of hidden) await db.run("UPDATE papers SET hidden_at = '2026-11-29T00:00:00Z' WHERE id = ?", [id]);
    try {
      expect(await count(word)).toBe(COUNT_CAP);
      expect(await count(`${word} -zzzzunheard`)).toBe(COUNT_CAP);
    } finally {
      for (const id of hidden) await db.run('UPDATE papers SET hidden_at = NULL WHERE id = ?', [id]);
    }
    expect(await count(word)).toBe(COUNT_CAP + 1);
  });

  it('ranks filtered results as the unfiltered ranking, filtered, however few pass', async () => {
    const index = createLexicalSearch(db);
    const ranked = await index.search({ query: parseQuery('learning'), sort: 'relevance', limit: 10_000 });
    const firstIds = (hits: { id: string }[]) => hits.slice(0, 60).map((hit) => hit.id);
    const filtered = async (filter: string) =>
      firstIds(await index.search({ query: parseQuery(`learning ${filter}`), sort: 'relevance', limit: 60 }));
    const categoriesOf = new Map<string, string[]>();
    for (const hit of ranked) categoriesOf.set(hit.id, (await paper(hit.id)).categories);
    const inCategory = (category: string) => ranked.filter((hit) => categoriesOf.get(hit.id)!.includes(category));
    const counts = new Map<string, number>();
    for (const hit of ranked) for (const category of categoriesOf.get(hit.id)!) counts.set(category, (counts.get(category) ?? 0) + 1);
    // A category holding under 1 % of the ranked papers: its papers are sought in the word's postings, not read from them.
    const rare = [...counts].sort().find(([, count]) => count >= 5 && count < ranked.length / 100)![0];
    for (const category of ['cs.SD', rare]) expect(await filtered(`cat:${category}`)).toEqual(firstIds(inCategory(category)));

    // Dates: half the papers (checked on the ranked ones), or a day's few (the papers of that day read as a set).
    const days = ranked.map((hit) => hit.publishedAt?.slice(0, 10) ?? '').filter(Boolean);
    const median = [...days].sort()[Math.floor(days.length / 2)]!;
    const perDay = new Map<string, number>();
    for (const day of days) perDay.set(day, (perDay.get(day) ?? 0) + 1);
    const day = [...perDay].sort().find(([, count]) => count >= 5 && count < ranked.length / 50)![0];
    const nextDay = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    const inDates = (after: string, before: string) => ranked.filter((hit) => hit.publishedAt! >= after && hit.publishedAt! < before);
    for (const [after, before] of [
      [median, '9999-01-01'],
      [day, nextDay],
    ] as const)
      expect(await filtered(`after:${after} before:${before}`)).toEqual(firstIds(inDates(after, before)));

    // A phrase is checked in the text of the best ranked papers, 200 at first, more each round.
    const phrase = termsOf('speech model').join(' ');
    const texts = await db.all<{ id: string; title: string; abstract: string; authors: string }>(
      'SELECT id, title, paper_abstract(abstract) AS abstract, authors FROM papers',
    );
    const holders = new Set(
      texts
        .filter((row) => [row.title, row.abstract, row.authors].some((text) => ` ${termsOf(text).join(' ')} `.includes(` ${phrase} `)))
        .map((row) => row.id),
    );
    const byWords = await index.search({ query: parseQuery('learning speech model'), sort: 'relevance', limit: 10_000 });
    expect(await filtered('"speech model"')).toEqual(firstIds(byWords.filter((hit) => holders.has(hit.id))));
    const sixtieth = byWords.filter((hit) => holders.has(hit.id))[59]!.id;
    expect(byWords.findIndex((hit) => hit.id === sixtieth)).toBeGreaterThan(200);
  });

  it('still finds papers when the only rarer word is one no paper holds', async () => {
    expect((await search('xyzzyqx model')).hits.length).toBeGreaterThan(0);
  });

  it('takes a last word that is a stopword as typed, never as the start of longer words', async () => {
    const dir = tempDir();
    const { services: own } = await createTestServices({}, join(dir, 'paperboy.db'));
    const papers = [
      'graph format',
      'graph forest',
      'graph networks',
      'format forest',
      'speech codecs',
      'audio tokens',
      'vision models',
    ].map((title, index) => JSON.stringify({ id: `s${index}`, title, abstract: `${title} studied at length.`, authors: ['A. Author'] }));
    writeFileSync(join(dir, 'papers.jsonl'), papers.join('\n'));
    await own.ingest.ingestFiles([join(dir, 'papers.jsonl')], 'jsonl');
    // No paper says "for": it would read as the start of "format" and "forest", as "grap" reads as "graph".
    const ids = async (query: string) => (await own.search.searchPapers(query, { limit: 10 })).hits.map((hit) => hit.id).sort();
    expect(await ids('graph for')).toEqual(await ids('graph'));
    expect(await ids('graph for')).toEqual(['jsonl:s0', 'jsonl:s1', 'jsonl:s2']);
    expect(await ids('networks grap')).toEqual(['jsonl:s0', 'jsonl:s1', 'jsonl:s2']);
  });
});

describe('sort and cursors', () => {
  it.each(['relevance', 'newest'] as const)('pages by %s without gaps or repeats', async (sort) => {
    const all = (await search('speech recognition', { sort, limit: 100 })).hits.map((hit) => hit.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search('speech recognition', { sort, limit: 7, cursor });
      paged.push(...page.hits.map((hit) => hit.id));
      cursor = page.nextCursor;
    } while (cursor && paged.length < 100);
    expect(paged.slice(0, all.length)).toEqual(all);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('lists newest first every paper holding the words, whether it looks them up or reads the newest papers (a common word)', async () => {
    const papers = await db.all<{ seq: number; id: string; title: string; abstract: string; authors: string; published: string }>(
      `SELECT seq, id, title, paper_abstract(abstract) AS abstract, authors, coalesce(published_at, '') AS published FROM papers
        WHERE hidden_at IS NULL ORDER BY published DESC, seq DESC`,
    );
    const holding = (word: string) =>
      papers.filter((row) => [row.title, row.abstract, row.authors].some((text) => termsOf(text).includes(word))).map((row) => row.id);
    const common = holding('model');
    const rare = holding('codec');
    // A word held by more than √(limit × papers) papers is found by reading the newest papers.
    expect(common.length ** 2).toBeGreaterThan(20 * papers.length);
    expect(rare.length ** 2).toBeLessThan(20 * papers.length);
    for (const [word, expected] of [
      ['model', common],
      ['codec', rare],
    ] as const) {
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await search(word, { sort: 'newest', limit: 20, cursor });
        paged.push(...page.hits.map((hit) => hit.id));
        cursor = page.nextCursor;
      } while (cursor && paged.length < 100);
      expect(paged.length).toBeGreaterThanOrEqual(Math.min(100, expected.length));
      expect(paged).toEqual(expected.slice(0, paged.length));
    }
  });

  it('sorts by trending: papers with a score first by score, the rest as ranked, each page read with its marks', async () => {
    const index = createLexicalSearch(db);
    const ranked = (await index.search({ query: parseQuery('speech'), sort: 'relevance', limit: TRENDING_DEPTH })).map((hit) => hit.id);
    expect(ranked.length).toBeGreaterThan(60);
    const scores = new Map([
      [ranked[30]!, 5],
      [ranked[7]!, 9],
      [ranked.at(-1)!, 1],
    ]);
    const asked: string[] = [];
    const trending = createSearch({
      index,
      papers: createPaperReader(db),
      generation: async () => 'fixed',
      cacheSize: 0,
      trendingScores: async (ids) => (asked.push(...ids), new Map(ids.filter((id) => scores.has(id)).map((id) => [id, scores.get(id)!]))),
    });
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await trending.searchPapers('speech', { sort: 'trending', limit: 20, cursor });
      for (const hit of page.hits) expect(hit.titleHtml + hit.snippetHtml, hit.id).toMatch(/<mark>speech/i);
      paged.push(...page.hits.map((hit) => hit.id));
      cursor = page.nextCursor;
    } while (cursor && paged.length < 60);
    const expected = [ranked[7], ranked[30], ranked.at(-1), ...ranked.filter((id) => !scores.has(id))];
    expect(paged).toEqual(expected.slice(0, 60));
    expect(new Set(asked)).toEqual(new Set(ranked));
  });

  it('sorts newest first', async () => {
    const dates = (await search('speech', { sort: 'newest', limit: 50 })).hits.map((hit) => hit.publishedAt ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('refuses a forged or foreign cursor with a clear error', async () => {
    const next = (await search('speech', { sort: 'newest', limit: 5 })).nextCursor!;
    await expect(search('speech', { sort: 'relevance', cursor: next })).rejects.toThrow('the cursor is not valid for this search');
    await expect(search('speech', { cursor: 'not-a-cursor' })).rejects.toThrow('the cursor is not valid for this search');
  });
});

describe('snippets', () => {
  it('counts the matches for a page, and leaves counting off for lists that only want papers (the digest)', async () => {
    const counted = await search('speech', { limit: 5 });
    expect(counted.matched!.count).toBeGreaterThan(5);
    const plain = await search('speech', { limit: 5, countMatches: false });
    expect(plain.hits.map((hit) => hit.id)).toEqual(counted.hits.map((hit) => hit.id));
    expect(plain.matched).toBeNull();
    const emptied = await search('speech cat:math.NT');
    expect(emptied.hits).toEqual([]);
    expect(emptied.withoutFilters!.count).toBeGreaterThan(0);
    expect((await search('speech cat:math.NT', { countMatches: false })).withoutFilters).toBeNull();
  });

  it("follows a paper's categories and code as a newer record changes them, archives and all", async () => {
    const { services: local, db: localDb } = await createTestServices();
    const file = join(tempDir(), 'recategorized.jsonl');
    const record = { id: 'codec-1', title: 'Neural codecs', abstract: 'Codecs for speech.' };
    const ids = async (query: string, sort: 'relevance' | 'newest' = 'relevance') =>
      (await local.search.searchPapers(query, { sort })).hits.map((hit) => hit.id);
    writeFileSync(file, `${JSON.stringify({ ...record, categories: ['cs.SD'] })}\n`);
    await local.ingest.ingestFiles([file], 'jsonl');
    expect(await ids('codecs cat:cs.SD')).toEqual(['jsonl:codec-1']);
    expect(await ids('codecs cat:cs')).toEqual(['jsonl:codec-1']);
    expect(await ids('codecs cat:eess')).toEqual([]);
    expect(await ids('codecs has:code')).toEqual([]);

    writeFileSync(
      file,
      `${JSON.stringify({ ...record, categories: ['eess.AS', 'astro-ph.GA'], links: ['https://github.com/example/codecs'] })}\n`,
    );
    await local.ingest.ingestFiles([file], 'jsonl');
    for (const query of ['codecs cat:eess.AS', 'codecs cat:eess', 'codecs cat:astro-ph', 'codecs cat:astro', 'codecs cat:cs.SD cat:eess'])
      expect(await ids(query), query).toEqual(['jsonl:codec-1']);
    for (const query of ['codecs cat:cs.SD', 'codecs cat:cs', 'codecs cat:eess.A', 'codecs cat:astro-ph.G', 'codecs cat:math has:code'])
      expect(await ids(query), query).toEqual([]);
    expect(await ids('codecs has:code')).toEqual(['jsonl:codec-1']);
    expect(await ids('cat:eess has:code', 'newest')).toEqual(['jsonl:codec-1']);
    expect(await ids('cat:cs.SD', 'newest')).toEqual([]);
    // Whoever changes the code or primary category in the row alone queues the paper for the index too.
    for (const change of ['has_code = 0', "primary_category = 'eess.SP'"]) {
      await localDb.run(`UPDATE papers SET ${change}`);
      expect(await localDb.value('SELECT count(*) FROM lexicon_pending')).toBe(1);
      await local.ingest.ingestFiles([], 'jsonl');
      expect(await localDb.value('SELECT count(*) FROM lexicon_pending')).toBe(0);
    }
    expect(await ids('codecs has:code')).toEqual([]);
  });

  it("follows a paper's date as its row changes, ranked and newest first", async () => {
    const { services: local, db: localDb } = await createTestServices();
    const file = join(tempDir(), 'redated.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ id: 'dated-1', title: 'Neural codecs', abstract: 'Codecs for speech.', published: '2024-05-01' })}\n`,
    );
    await local.ingest.ingestFiles([file], 'jsonl');
    const ids = async (query: string, sort: 'relevance' | 'newest' = 'relevance') =>
      (await local.search.searchPapers(query, { sort })).hits.map((hit) => hit.id);
    expect(await ids('codecs after:2024-05-01 before:2024-05-02')).toEqual(['jsonl:dated-1']);
    expect(await ids('codecs after:2024-05-02')).toEqual([]);
    await localDb.run("UPDATE papers SET published_at = '2031-02-03T04:05:06.000Z'");
    expect(await localDb.value('SELECT count(*) FROM lexicon_pending')).toBe(1);
    await local.ingest.ingestFiles([], 'jsonl');
    for (const sort of ['relevance', 'newest'] as const) {
      expect(await ids('codecs year:2031', sort), sort).toEqual(['jsonl:dated-1']);
      expect(await ids('codecs before:2031-02-03', sort), sort).toEqual([]);
      expect(await ids('codecs after:2031-02-03 before:2031-02-04', sort), sort).toEqual(['jsonl:dated-1']);
    }
  });

  it('highlights matched terms and escapes everything else', async () => {
    const local = (await createTestServices()).services;
    const file = join(tempDir(), 'html.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ id: 'x', title: 'Bounds for a &lt; b in codecs', abstract: 'We show $a<b$ &amp; "quotes" for codecs &lt;script&gt;alert(1)&lt;/script&gt;.' })}\n`,
    );
    await local.ingest.ingestFiles([file], 'jsonl');
    const [hit] = (await local.search.searchPapers('codecs')).hits;
    expect(hit!.titleHtml).toBe('Bounds for a &#60; b in <mark>codecs</mark>');
    expect(hit!.snippetHtml).toBe(
      'We show <span class="math">a&#60;b</span> &#38; &#34;quotes&#34; for <mark>codecs</mark> &#60;script&#62;alert(1)&#60;/script&#62;.',
    );
  });
});

describe('hostile input', () => {
  it('answers any query with results or an empty state, never an error', async () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom(
        '"',
        '"unbalanced',
        '*',
        'NEAR(a b)',
        "'; DROP TABLE papers; --",
        'author:',
        'cat:',
        '-',
        '^x',
        'a OR',
        '(((',
        'x'.repeat(10_240),
      ),
    );
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom('relevance', 'newest' as const), async (query, sort) => {
        const result = await search(query, { sort: sort as 'relevance' | 'newest' });
        return Array.isArray(result.hits);
      }),
      { numRuns: 300 },
    );
  });
});

describe('similar papers', () => {
  it.each(['2506.23325', '2411.19842'])('finds speech and audio codec papers for the speech codec paper %s', async (id) => {
    expect((await paper(id)).title).toMatch(/speech cod/i);
    const similar = await services.search.similarPapers(id, 5);
    expect(similar.map((hit) => hit.id)).not.toContain(id);
    const onTopic = similar.filter((hit) => /speech|audio|acoustic|voice/i.test(hit.title));
    expect(onTopic.length).toBeGreaterThanOrEqual(4);
  });

  it('says when the paper is unknown', async () => {
    await expect(services.search.similarPapers('0000.00000')).rejects.toThrow('no paper 0000.00000');
  });
});
