// The hub's secret key for signed links: SECRET_KEY when set, else a random
// key generated once, so that links in digests sent before a restart keep
// working: into secret.key beside a SQLite file (readable by its owner only),
// or into the hub_secrets table of PostgreSQL, shared by every process.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sqliteFile, type Db } from './open.ts';

/** `writes: false` (a dry run) reads a key that exists and otherwise uses a key for this run only. */
export async function loadSecretKey(
  configured: string,
  db: Db,
  { writes = true } = {},
): Promise<{ key: Buffer; generatedAt: string | null }> {
  if (configured) return { key: Buffer.from(configured, 'utf8'), generatedAt: null };
  if (db.dialect === 'postgres') return keyInDatabase(db, writes);
  const path = sqliteFile(db);
  if (!path) return { key: randomBytes(32), generatedAt: null };
  const file = join(dirname(path), 'secret.key');
  if (!writes)
    return { key: existsSync(file) ? Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8') : randomBytes(32), generatedAt: null };
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    return { key: Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8'), generatedAt: file };
  } catch (error) {
    // Another start (or another process) made it first: use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8'), generatedAt: null };
  }
}

/** The first process to start makes the key; every other one (and every later start) reads that one. */
async function keyInDatabase(db: Db, writes: boolean): Promise<{ key: Buffer; generatedAt: string | null }> {
  const made = randomBytes(32).toString('base64url');
  const inserted = writes
    ? await db.run("INSERT INTO hub_secrets (name, value) VALUES ('link_key', ?) ON CONFLICT (name) DO NOTHING", [made])
    : 0;
  const stored = await db.value<string>("SELECT value FROM hub_secrets WHERE name = 'link_key'");
  return { key: Buffer.from(stored ?? made, 'utf8'), generatedAt: inserted ? 'the database (hub_secrets)' : null };
}

/** The generated key a store keeps (secret.key beside a SQLite file, or hub_secrets), or null when it has none. */
export async function storedSecretKey(db: Db): Promise<string | null> {
  if (db.dialect === 'postgres') return (await db.value<string>("SELECT value FROM hub_secrets WHERE name = 'link_key'")) ?? null;
  const path = sqliteFile(db);
  const file = path ? join(dirname(path), 'secret.key') : null;
  return file && existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

/** Keeps `key` as the generated key of a PostgreSQL store (moving a hub there keeps its links working). */
export async function keepSecretKey(db: Db, key: string): Promise<void> {
  await db.run("INSERT INTO hub_secrets (name, value) VALUES ('link_key', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value", [
    key,
  ]);
}
