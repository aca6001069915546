// An import killed at any point (SIGKILL, as a power cut or the kernel's
// out-of-memory killer would) and run again ends with the same database as an
// import never interrupted: the same papers and the same ranking index, counted
// and checksummed by paper id (PostgreSQL does not give back the numbers of
// rows rolled back), on either store.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';
import { testDatabaseUrl } from './test-database.ts';
import { openDatabase } from '../src/db/open.ts';
import { joinParts } from '../src/text-index/index-tables.ts';
import { unpackTerms } from '../src/text-index/term-packs.ts';
import { decodePostings, FIELDS } from '../src/text-index/postings.ts';

const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));
/** More than a segment (10,000): one is built while the import runs, the rest at its end. */
const PAPERS = 12_500;

/** A snapshot in the Kaggle format, of seeded words (a word list of 400, so terms repeat as in text). */
function writeSnapshot(path: string): void {
  let seed = 11;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const vocabulary = Array.from({ length: 400 }, (_unused, index) => `w${index.toString(36)}x${(index * 7919).toString(36)}`);
  const words = (count: number) => Array.from({ length: count }, () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)]).join(' ');
  const lines = Array.from({ length: PAPERS }, (_unused, index) => {
    const id = `2401.${String(index + 1).padStart(5, '0')}`;
    return JSON.stringify({
      id,
      authors: `Ann Author${index % 97}, Bo Writer${index % 13}`,
      title: words(8),
      abstract: words(60),
      categories: ['cs.CL', 'cs.LG cs.AI', 'math.OC'][index % 3],
      versions: [{ version: 'v1', created: 'Mon, 1 Jan 2024 10:00:00 GMT' }],
      update_date: '2024-01-02',
    });
  });
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Papers stored and papers waiting for the index, as another connection sees them now. */
async function progress(databaseUrl: string): Promise<{ papers: number; waiting: number }> {
  const db = await openDatabase(databaseUrl);
  try {
    const papers = (await db.value<number>('SELECT count(*) FROM papers'))!;
    return { papers, waiting: (await db.value<number>('SELECT count(*) FROM lexicon_pending'))! };
  } finally {
    await db.close();
  }
}

/**
 * `paperboy ingest file` on the database; killed with SIGKILL as soon as `killWhen` holds of
 * what is stored (looked at every 50 ms), when given. Resolves how it ended.
 */
function ingest(
  databaseUrl: string,
  file: string,
  killWhen?: (stored: { papers: number; waiting: number }) => boolean,
): Promise<'finished' | 'killed'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'ingest', 'file', file], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    let watching = Boolean(killWhen);
    const watch = async () => {
      if (!watching) return;
      const stored = await progress(databaseUrl).catch(() => null);
      if (stored && killWhen!(stored)) child.kill('SIGKILL');
      else setTimeout(() => void watch(), 50);
    };
    void watch();
    child.once('exit', (code, signal) => {
      watching = false;
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`paperboy ingest exited with ${code}`));
    });
  });
}

/** Counts and checksums of the papers and of the ranking index (each paper's length and live postings), by paper id. */
async function fingerprint(databaseUrl: string) {
  const db = await openDatabase(databaseUrl);
  try {
    const idOf = new Map((await db.all<{ seq: number; id: string }>('SELECT seq, id FROM papers')).map((row) => [row.seq, row.id]));
    const papers = createHash('sha256');
    const columns =
      'id, version, title, abstract, authors, primary_category, published_at, updated_at, doi, journal_ref, comments, license, links';
    for (const row of await db.all(`SELECT ${columns}, has_code, content_hash FROM papers ORDER BY id`)) papers.update(JSON.stringify(row));
    for (const row of await db.all('SELECT paper_id, position, category FROM paper_categories ORDER BY paper_id, position'))
      papers.update(JSON.stringify(row));
    const placed = new Map(
      (await db.all<{ seq: number; segment: number; length: number }>('SELECT seq, segment, length FROM lexicon_papers')).map((row) => [
        row.seq,
        row,
      ]),
    );
    const postings: string[] = [];
    const rows = await db.all<{ term: string; segment: number; postings: Buffer }>(
      'SELECT term, segment, postings FROM lexicon_postings ORDER BY segment, term, part',
    );
    // Terms with rows of their own, and those kept many to a row.
    const packs = await db.all<{ segment: number; terms: Buffer }>('SELECT segment, terms FROM lexicon_packs');
    const packed = packs.flatMap((pack) => unpackTerms(pack.terms).map((row) => ({ ...row, segment: pack.segment })));
    for (const row of [...joinParts(rows, (part) => `${part.segment} ${part.term}`), ...packed]) {
      const { seqs, counts } = decodePostings(row.postings);
      seqs.forEach((seq, index) => {
        if (placed.get(seq)?.segment !== row.segment) return;
        postings.push(`${row.term} ${idOf.get(seq)} ${[...counts.subarray(index * FIELDS, (index + 1) * FIELDS)].join(',')}`);
      });
    }
    const lengths = [...placed.values()].filter((row) => row.length > 0).map((row) => `${idOf.get(row.seq)} ${row.length}`);
    const ranking = createHash('sha256').update([...postings.sort(), ...lengths.sort()].join('\n'));
    return {
      papers: idOf.size,
      categories: await db.value<number>('SELECT count(*) FROM paper_categories'),
      sources: await db.value<number>('SELECT count(*) FROM paper_sources'),
      indexed: lengths.length,
      waiting: await db.value<number>('SELECT count(*) FROM lexicon_pending'),
      postings: postings.length,
      papersChecksum: papers.digest('hex'),
      rankingChecksum: ranking.digest('hex'),
    };
  } finally {
    await db.close();
  }
}

describe('an interrupted import', () => {
  it('run again, ends with the same papers and ranking as an import never interrupted', async () => {
    const dir = tempDir();
    const file = join(dir, 'snapshot.json');
    writeSnapshot(file);
    const whole = await testDatabaseUrl(join(dir, 'whole.db'));
    expect(await ingest(whole, file)).toBe('finished');
    const expected = await fingerprint(whole);
    expect(expected).toMatchObject({ papers: PAPERS, indexed: PAPERS, waiting: 0, sources: PAPERS });
    // Killed with a few batches saved, with more, once a segment's worth waited (its segment being
    // built), and with every paper saved but not all indexed; each run goes on from the last.
    const interrupted = await testDatabaseUrl(join(dir, 'interrupted.db'));
    const killPoints = [
      (stored: { papers: number }) => stored.papers >= 2_000,
      (stored: { papers: number }) => stored.papers >= 6_000,
      (stored: { papers: number }) => stored.papers >= 10_500,
      (stored: { papers: number; waiting: number }) => stored.papers === PAPERS && stored.waiting > 0,
    ];
    const endings = [];
    for (const killWhen of killPoints) endings.push(await ingest(interrupted, file, killWhen));
    expect(endings.slice(0, 3)).toEqual(['killed', 'killed', 'killed']);
    expect(await ingest(interrupted, file)).toBe('finished');
    expect(await fingerprint(interrupted)).toEqual(expected);
  }, 240_000);
});
