// The hub's secret key for signed links: SECRET_KEY when set, else a random
// key generated once into secret.key beside the SQLite file (readable by its
// owner only), so that links in digests sent before a restart keep working.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sqliteFile, type Db } from './open.ts';

/** `writes: false` (a dry run) reads a key file that exists and otherwise uses a key for this run only. */
export function loadSecretKey(configured: string, db: Db, { writes = true } = {}): { key: Buffer; generatedAt: string | null } {
  if (configured) return { key: Buffer.from(configured, 'utf8'), generatedAt: null };
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
