// Worker thread that builds a model's HNSW index from the vectors stored in
// SQLite and writes it beside the database, so that building a large index
// never holds up the server. The file appears whole or not at all.
import { parentPort, workerData } from 'node:worker_threads';
import { renameSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import usearch from 'usearch';
import { hnswConfig, type IndexManifest } from './vector-index.ts';

export interface BuildJob {
  dbPath: string;
  model: string;
  file: string;
  threads: number;
}

const CHUNK = 10_000;

function build(job: BuildJob): IndexManifest {
  const db = new Database(job.dbPath, { readonly: true });
  try {
    const snapshot = db.transaction(() => {
      const builtThrough = db.prepare('SELECT max(embedded_at) FROM paper_vectors WHERE model = ?').pluck().get(job.model) as string;
      const dimensions =
        (db.prepare('SELECT length(vector) FROM paper_vectors WHERE model = ? LIMIT 1').pluck().get(job.model) as number) / 4;
      const index = new usearch.Index(hnswConfig(dimensions));
      let count = 0;
      const keys: bigint[] = [];
      const vectors = new Float32Array(CHUNK * dimensions);
      const flush = () => {
        if (keys.length) index.add(BigUint64Array.from(keys), vectors.subarray(0, keys.length * dimensions), job.threads);
        count += keys.length;
        keys.length = 0;
      };
      const rows = db
        .prepare('SELECT paper_seq AS seq, vector FROM paper_vectors WHERE model = ? AND length(vector) = ?')
        .raw()
        .iterate(job.model, dimensions * 4);
      for (const [seq, blob] of rows as Iterable<[number, Buffer]>) {
        vectors.set(new Float32Array(blob.buffer, blob.byteOffset, dimensions), keys.length * dimensions);
        keys.push(BigInt(seq));
        if (keys.length === CHUNK) flush();
      }
      flush();
      index.save(`${job.file}.tmp`);
      return { model: job.model, dimensions, count, builtThrough };
    })();
    renameSync(`${job.file}.tmp`, job.file);
    writeFileSync(`${job.file}.json`, JSON.stringify(snapshot));
    return snapshot;
  } finally {
    db.close();
  }
}

const port = parentPort!;
try {
  port.postMessage({ ok: true, manifest: build((workerData as { data: BuildJob }).data) });
} catch (error) {
  port.postMessage({ ok: false, message: (error as Error).message });
}
