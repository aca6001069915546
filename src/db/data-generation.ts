// Which version of the database a reader sees: changes whenever any
// connection (this one included) commits a write. Caches key on it.
import type { Db } from './open.ts';

export function createDataGeneration(db: Db): () => string {
  const read = db.prepare('SELECT data_version, total_changes() FROM pragma_data_version').raw();
  return () => (read.get() as [number, number]).join(':');
}

/** Changes when papers do (added, changed, hidden, deleted), not when readers vote or save. */
export function createPapersVersion(db: Db): () => string {
  const read = db.prepare('SELECT version FROM papers_version').pluck();
  return () => String(read.get());
}
