// Stores embedding vectors (float32 blobs) per model and finds the nearest
// ones with sqlite-vec's cosine distance, by exact brute force.
import { writeTransaction, type Db } from './open.ts';

export interface PendingPaper {
  seq: number;
  title: string;
  abstract: string;
  contentHash: string;
}

export interface Neighbour {
  seq: number;
  distance: number;
}

export function createVectorStore(db: Db) {
  const missing = `FROM papers p LEFT JOIN paper_vectors v ON v.model = @model AND v.paper_seq = p.seq
    WHERE v.paper_seq IS NULL OR v.content_hash != p.content_hash`;
  const pending = db.prepare(
    `SELECT p.seq, p.title, p.abstract, p.content_hash AS contentHash ${missing} ORDER BY p.published_at DESC, p.seq DESC LIMIT @limit`,
  );
  const countPending = db.prepare(`SELECT count(*) ${missing}`).pluck();
  const countStored = db.prepare('SELECT count(*) FROM paper_vectors WHERE model = ?').pluck();
  const save = db.prepare(`INSERT INTO paper_vectors (model, paper_seq, content_hash, vector, embedded_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (model, paper_seq) DO UPDATE SET content_hash = excluded.content_hash, vector = excluded.vector, embedded_at = excluded.embedded_at`);
  const nearest = db.prepare(`SELECT paper_seq AS seq, vec_distance_cosine(vector, @query) AS distance FROM paper_vectors
    WHERE model = @model AND length(vector) = length(@query) ORDER BY distance LIMIT @k`);
  const nearestSince = db.prepare(`SELECT paper_seq AS seq, vec_distance_cosine(vector, @query) AS distance FROM paper_vectors
    WHERE model = @model AND embedded_at > @since AND length(vector) = length(@query) ORDER BY distance LIMIT @k`);
  const countSince = db.prepare('SELECT count(*) FROM paper_vectors WHERE model = ? AND embedded_at > ?').pluck();
  const vectorOf = db.prepare(
    'SELECT v.paper_seq AS seq, v.vector FROM paper_vectors v JOIN papers p ON p.seq = v.paper_seq WHERE v.model = ? AND p.id = ?',
  );
  const latest = db.prepare('SELECT max(embedded_at) FROM paper_vectors WHERE model = ?').pluck();

  return {
    pending: (model: string, limit: number) => pending.all({ model, limit }) as PendingPaper[],
    progress: (model: string) => ({ embedded: countStored.get(model) as number, pending: countPending.get({ model }) as number }),
    save(model: string, rows: { seq: number; contentHash: string; vector: Float32Array }[]): void {
      writeTransaction(db, () => {
        const at = laterThan(latest.get(model) as string | null);
        rows.forEach((row) => save.run(model, row.seq, row.contentHash, toBlob(row.vector), at));
      })();
    },
    count: (model: string) => countStored.get(model) as number,
    /** A paper's stored vector for the model, if it has one. */
    vectorOf(model: string, paperId: string): { seq: number; vector: Float32Array } | null {
      const row = vectorOf.get(model, paperId) as { seq: number; vector: Buffer } | undefined;
      return row ? { seq: row.seq, vector: vectorFromBlob(row.vector) } : null;
    },
    /** Exact nearest vectors, by brute force over all of the model's vectors. */
    nearest: (model: string, query: Float32Array, k: number) => nearest.all({ model, query: toBlob(query), k }) as Neighbour[],
    /** Exact nearest among the vectors stored after a time, and how many those are. */
    nearestSince(model: string, query: Float32Array, k: number, since: string): { neighbours: Neighbour[]; count: number } {
      return {
        neighbours: nearestSince.all({ model, query: toBlob(query), k, since }) as Neighbour[],
        count: countSince.get(model, since) as number,
      };
    },
  };
}

export type VectorStore = ReturnType<typeof createVectorStore>;

/**
 * Now, or just after the model's latest save: every save of a model gets its own, later time, so a
 * vector index that holds the vectors up to a time misses exactly those stored after it.
 */
function laterThan(previous: string | null): string {
  return new Date(Math.max(Date.now(), previous ? Date.parse(previous) + 1 : 0)).toISOString();
}

function toBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** A stored vector, copied out of the row's buffer. */
export function vectorFromBlob(blob: Buffer): Float32Array {
  return new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
}
