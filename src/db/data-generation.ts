// Which version of the data a reader sees, so caches know when to forget: any
// write at all (the database's change token), or a change of papers only.
import type { Database, Sql } from './sql.ts';

export function createDataGeneration(db: Database): () => Promise<string> {
  return () => db.changes();
}

/** Changes when papers do (added, changed, hidden, deleted), not when readers vote or save. */
export function createPapersVersion(sql: Sql): () => Promise<string> {
  return async () => String(await sql.value('SELECT version FROM papers_version'));
}

/** `compute`'s last answer, read again only once the change token (Database.changes) has moved since it was read. */
export function untilChanged<T>(changes: () => Promise<string>, compute: () => Promise<T>): () => Promise<T> {
  let kept: { token: string; value: Promise<T> } | null = null;
  return async () => {
    const token = await changes();
    if (kept?.token !== token) {
      const value = compute();
      kept = { token, value };
      value.catch(() => kept?.value === value && (kept = null));
    }
    return kept.value;
  };
}
