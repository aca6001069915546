import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate } from './migrate.ts';
import { openDatabase } from './open.ts';
import { tempDir } from '../../test/helpers.ts';

describe('migrate', () => {
  it('applies each migration once and records it', () => {
    const db = openDatabase(`sqlite:${join(tempDir(), 'm.db')}`);
    expect(migrate(db)).toEqual(listMigrations().map((migration) => migration.name));
    expect(migrate(db)).toEqual([]);
    expect(db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all()).toEqual([
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
    ]);
  });

  it('rolls a failing migration back whole and records nothing of it', () => {
    const dir = join(tempDir(), 'migrations');
    mkdirSync(dir);
    writeFileSync(join(dir, '0001_ok.sql'), 'CREATE TABLE a (x);');
    writeFileSync(join(dir, '0002_broken.sql'), 'CREATE TABLE b (x); INSERT INTO missing VALUES (1);');
    const db = openDatabase('sqlite::memory:');
    expect(() => migrate(db, listMigrations(`${dir}/`))).toThrow(/no such table: missing/);
    expect(db.prepare('SELECT name FROM schema_migrations').pluck().all()).toEqual(['0001_ok']);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get()).toBe(0);
  });
});
