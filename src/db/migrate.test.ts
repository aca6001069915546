import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate, migrationsDir } from './migrate.ts';
import { openDatabase } from './open.ts';
import { tempDir } from '../../test/helpers.ts';

describe('migrate', () => {
  it('applies each migration once and records it', async () => {
    const db = await openDatabase(`sqlite:${join(tempDir(), 'm.db')}`);
    expect(await migrate(db)).toEqual(listMigrations(migrationsDir('sqlite')).map((migration) => migration.name));
    expect(await migrate(db)).toEqual([]);
    expect(await db.column('SELECT name FROM schema_migrations ORDER BY version')).toEqual([
      '0001_papers',
      '0002_vectors',
      '0003_vectors_by_time',
      '0004_lexicon',
      '0005_accounts',
      '0006_library',
      '0007_hidden_papers',
      '0008_freshness',
      '0009_digests',
      '0010_reader_choices',
      '0011_arxiv_lookups',
      '0012_paper_authors',
      '0013_papers_by_day',
      '0014_recommendations',
      '0015_hub_secrets',
      '0016_compressed_postings',
      '0017_record_hashes',
      '0018_author_keys',
      '0019_packed_abstracts',
      '0020_postings_in_parts',
      '0021_inserts_queued_by_writer',
      '0022_term_packs',
      '0023_newest_order',
      '0024_filter_keys',
      '0025_date_keys',
    ]);
  });

  it('rolls a failing migration back whole and records nothing of it', async () => {
    const dir = join(tempDir(), 'migrations');
    mkdirSync(dir);
    writeFileSync(join(dir, '0001_ok.sql'), 'CREATE TABLE a (x);');
    writeFileSync(join(dir, '0002_broken.sql'), 'CREATE TABLE b (x); INSERT INTO missing VALUES (1);');
    const db = await openDatabase('sqlite::memory:');
    await expect(migrate(db, listMigrations(`${dir}/`))).rejects.toThrow(/no such table: missing/);
    expect(await db.column('SELECT name FROM schema_migrations')).toEqual(['0001_ok']);
    expect(await db.value("SELECT count(*) FROM sqlite_master WHERE name = 'b'")).toBe(0);
  });
});
