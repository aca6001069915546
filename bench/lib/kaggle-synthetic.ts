// Synthetic papers in the Kaggle arXiv snapshot's own format
// (arxiv-metadata-oai-snapshot.json: one JSON object per line, sorted by id),
// drawn from real papers so that words, categories and authors keep their real
// statistics. The method, for paper number i (each paper has its own seeded
// random stream, so any paper can be written again alone, and a second
// edition differs only where it is meant to):
// - a real "model" paper is picked at random: its categories, comment and the
//   number of words of its title and abstract are the synthetic paper's;
// - each word of the title and abstract is drawn from the word frequencies of
//   the real titles (or abstracts) of the model's primary category, so words
//   keep their frequencies and their ties to categories (a rare category with
//   a common word is as selective as in the real papers);
// - vocabulary keeps growing, as a real corpus's does: a drawn word is
//   replaced by a new one (the word plus a tag unique to the paper) as often as
//   the real papers use words that occur only once among them;
// - the authors are those of another real paper of the same primary
//   category (real names, real team sizes, authors recurring by topic);
// - ids and dates follow arXiv's: month by month from 2007-04, submissions
//   growing sevenfold to the last month, ids YYMM.NNNN then YYMM.NNNNN from
//   2015; one to three versions; texts wrapped as upstream.
// The next edition (next month's snapshot) is the same file with a share of
// papers revised (a new version, a few words of the abstract changed), a share
// with a new journal reference, and one more month of new papers.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ListingPaper } from './listing.ts';

/** A real paper (lib/listing.ts): text is its abstract. */
export type ModelPaper = Pick<ListingPaper, 'title' | 'text' | 'authors' | 'categories' | 'comment'>;

export interface SnapshotPlan {
  /** Papers in the first edition. */
  papers: number;
  /** 'next': next month's snapshot of the same papers. */
  edition: 'first' | 'next';
}

/** Next month: papers revised, papers given a journal reference, new papers (shares of the first edition). */
export const NEXT_EDITION = { revised: 0.02, journalRef: 0.01, added: 0.01 };

const FIRST_MONTH = { year: 2007, month: 4 };
const LAST_MONTH = { year: 2026, month: 11 };
const GROWTH = 7;

/** A seeded stream of numbers in [0, 1) (mulberry32). */
function randomStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Draws words in proportion to their counts in O(1) each (Walker's alias method). */
class WordTable {
  private readonly words: string[];
  private readonly chance: Float64Array;
  private readonly alias: Int32Array;
  /** Share of the words used that occur once. */
  readonly onceShare: number;

  constructor(counts: Map<string, number>) {
    this.words = [...counts.keys()];
    const n = this.words.length;
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    this.onceShare = [...counts.values()].filter((count) => count === 1).length / Math.max(total, 1);
    this.chance = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = this.words.map((word) => (counts.get(word)! * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((value, index) => (value < 1 ? small : large).push(index));
    while (small.length && large.length) {
      const less = small.pop()!;
      const more = large.pop()!;
      this.chance[less] = scaled[less]!;
      this.alias[less] = more;
      scaled[more] = scaled[more]! + scaled[less]! - 1;
      (scaled[more]! < 1 ? small : large).push(more);
    }
    for (const index of [...small, ...large]) this.chance[index] = 1;
  }

  draw(random: () => number): string {
    const slot = Math.floor(random() * this.words.length);
    return random() < this.chance[slot]! ? this.words[slot]! : this.words[this.alias[slot]!]!;
  }
}

/** The listing also tags papers with MSC and ACM classes ("68T07", "I.2.7"): the snapshot has arXiv's categories alone. */
const ARXIV_CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

const splitWords = (text: string) => text.split(/\s+/).filter(Boolean);

function countWords(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of splitWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** The real papers grouped by primary category, with their word tables (small categories share the whole corpus's). */
function categoryModels(models: ModelPaper[]) {
  const byCategory = new Map<string, ModelPaper[]>();
  for (const model of models) {
    const category = model.categories[0] ?? '';
    const papers = byCategory.get(category);
    if (papers) papers.push(model);
    else byCategory.set(category, [model]);
  }
  const whole = {
    titles: new WordTable(countWords(models.map((m) => m.title))),
    abstracts: new WordTable(countWords(models.map((m) => m.text))),
  };
  const tables = new Map<string, typeof whole>();
  for (const [category, papers] of byCategory) {
    tables.set(
      category,
      papers.length < 200
        ? whole
        : {
            titles: new WordTable(countWords(papers.map((m) => m.title))),
            abstracts: new WordTable(countWords(papers.map((m) => m.text))),
          },
    );
  }
  return { byCategory, tables, newWordShare: whole.abstracts.onceShare };
}

interface Month {
  year: number;
  month: number;
  papers: number;
}

/** Papers per month, growing GROWTH-fold from the first month to the last; months before 2015 hold at most 9,999 (4-digit ids). */
function monthsFor(papers: number): Month[] {
  const months: Month[] = [];
  for (
    let { year, month } = FIRST_MONTH;
    year * 12 + month <= LAST_MONTH.year * 12 + LAST_MONTH.month;
    month === 12 ? (year++, (month = 1)) : month++
  )
    months.push({ year, month, papers: 0 });
  const rate = Math.log(GROWTH) / (months.length - 1);
  const weights = months.map((_month, index) => Math.exp(rate * index));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let placed = 0;
  months.forEach((month, index) => {
    month.papers = Math.min(Math.floor((papers * weights[index]!) / total), month.year < 2015 ? 9999 : 99_999);
    placed += month.papers;
  });
  months[months.length - 1]!.papers += papers - placed;
  return months;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (value: number) => String(value).padStart(2, '0');

/** RFC 2822, as the snapshot's versions: "Mon, 2 Apr 2007 19:18:42 GMT". */
function rfc2822(date: Date): string {
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} GMT`;
}

/** Words joined into lines of at most `width` characters, as upstream wraps titles and abstracts. */
function wrap(words: string[], width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join(`\n${indent}`);
}

const LICENSES = [
  [0.55, 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/'],
  [0.15, 'http://creativecommons.org/licenses/by/4.0/'],
  [0.05, 'http://creativecommons.org/licenses/by-nc-sa/4.0/'],
  [0.25, null],
] as const;

function pickLicense(random: () => number): string | null {
  let at = random();
  for (const [share, license] of LICENSES) if ((at -= share) < 0) return license;
  return null;
}

function parsedName(name: string): [string, string, string] {
  const parts = name.trim().split(/\s+/);
  const last = parts.pop() ?? '';
  return [last, parts.join(' '), ''];
}

export interface SnapshotStats {
  papers: number;
  /** Share of drawn words made new (the share of words used once in the real abstracts). */
  newWordShare: number;
  revised: number;
  journalRefs: number;
  bytes: number;
}

/** Writes the snapshot edition to `file`; returns what it holds. */
export async function writeSyntheticSnapshot(real: ModelPaper[], plan: SnapshotPlan, file: string): Promise<SnapshotStats> {
  const { byCategory, tables, newWordShare } = categoryModels(real);
  const models = real.map((model) => ({
    ...model,
    titleWords: Math.max(1, splitWords(model.title).length),
    abstractWords: Math.max(1, splitWords(model.text).length),
  }));
  const next = plan.edition === 'next';
  const months = monthsFor(plan.papers);
  if (next) months.push({ year: 2026, month: 12, papers: Math.round(plan.papers * NEXT_EDITION.added) });
  const out = createWriteStream(file);
  const stats: SnapshotStats = { papers: 0, newWordShare, revised: 0, journalRefs: 0, bytes: 0 };
  let chunk = '';
  let index = 0;
  for (const month of months) {
    const digits = month.year < 2015 ? 4 : 5;
    const prefix = `${two(month.year % 100)}${two(month.month)}`;
    const days = new Date(Date.UTC(month.year, month.month, 0)).getUTCDate();
    for (let number = 1; number <= month.papers; number++, index++) {
      const id = `${prefix}.${String(number).padStart(digits, '0')}`;
      const submitted = new Date(Date.UTC(month.year, month.month - 1, 1 + Math.floor(((number - 1) / month.papers) * days)));
      const paper = syntheticPaper(index, id, submitted, { real: models, byCategory, tables, newWordShare });
      if (next && index < plan.papers) stats.revised += nextEdition(index, paper) === 'revised' ? 1 : 0;
      stats.journalRefs += paper['journal-ref'] ? 1 : 0;
      chunk += `${JSON.stringify(paper)}\n`;
      stats.papers++;
      if (chunk.length > 1 << 22) {
        stats.bytes += Buffer.byteLength(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
  }
  stats.bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, 'finish');
  return stats;
}

interface Models {
  real: (ModelPaper & { titleWords: number; abstractWords: number })[];
  byCategory: Map<string, ModelPaper[]>;
  tables: Map<string, { titles: WordTable; abstracts: WordTable }>;
  newWordShare: number;
}

type SnapshotRecord = ReturnType<typeof syntheticPaper>;

function syntheticPaper(index: number, id: string, submitted: Date, models: Models) {
  const random = randomStream(index * 2 + 1);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const model = pick(models.real);
  const categories = model.categories.filter((category) => ARXIV_CATEGORY.test(category));
  const category = model.categories[0] ?? '';
  const table = models.tables.get(category)!;
  const draw = (from: WordTable) => {
    const word = from.draw(random);
    return random() < models.newWordShare ? `${word}${index.toString(36)}` : word;
  };
  const title = Array.from({ length: model.titleWords }, () => draw(table.titles));
  const abstract = Array.from({ length: model.abstractWords }, () => draw(table.abstracts));
  const authors = pick(models.byCategory.get(category)!).authors;
  const versions = [{ version: 'v1', created: rfc2822(new Date(submitted.getTime() + Math.floor(random() * 86_400) * 1000)) }];
  for (let version = 2, at = submitted.getTime(); version <= 3 && random() < 0.3; version++) {
    at += (1 + Math.floor(random() * 200)) * 86_400_000 + Math.floor(random() * 86_400) * 1000;
    versions.push({ version: `v${version}`, created: rfc2822(new Date(at)) });
  }
  const journal = random() < 0.2;
  return {
    id,
    submitter: authors[0] ?? null,
    authors: authors.join(', '),
    title: wrap(title, 72, '  '),
    comments: model.comment,
    'journal-ref': journal ? `J. Synth. ${1 + (index % 90)} (${submitted.getUTCFullYear()}) ${index % 1000}` : null,
    doi: journal ? `10.5555/synthetic.${id}` : null,
    'report-no': null,
    categories: (categories.length ? categories : ['cs.LG']).join(' '),
    license: pickLicense(random),
    abstract: `  ${wrap(abstract, 80, '')}\n`,
    versions,
    update_date: new Date(Date.parse(versions[versions.length - 1]!.created)).toISOString().slice(0, 10),
    authors_parsed: authors.map(parsedName),
  };
}

/** Changes a paper as next month's snapshot has it (its own seeded stream): revised, given a journal reference, or left alone. */
function nextEdition(index: number, paper: SnapshotRecord): 'revised' | 'journal' | 'same' {
  const random = randomStream(index * 2 + 2);
  const draw = random();
  if (draw < NEXT_EDITION.revised) {
    const words = paper.abstract.trim().split(/\s+/);
    for (let change = 0; change < 3; change++) words[Math.floor(random() * words.length)] = `revised${index.toString(36)}`;
    paper.abstract = `  ${wrap(words, 80, '')}\n`;
    const created = new Date(Date.UTC(2026, 11, 1 + Math.floor(random() * 28)));
    paper.versions.push({ version: `v${paper.versions.length + 1}`, created: rfc2822(created) });
    paper.update_date = created.toISOString().slice(0, 10);
    return 'revised';
  }
  if (draw < NEXT_EDITION.revised + NEXT_EDITION.journalRef && !paper['journal-ref']) {
    paper['journal-ref'] = `J. Synth. Next ${index % 90} (2026)`;
    paper.update_date = '2026-12-15';
    return 'journal';
  }
  return 'same';
}
