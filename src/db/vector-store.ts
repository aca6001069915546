// Stores embedding vectors (float32 blobs) per model and finds the nearest
// ones by exact brute force: sqlite-vec's cosine distance in SQLite, the same
// distance computed here over the rows PostgreSQL returns.
import { abstractText } from './abstract-packing.ts';
import type { Sql } from './sql.ts';

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

const MISSING = `FROM papers p LEFT JOIN paper_vectors v ON v.model = @model AND v.paper_seq = p.seq
  WHERE v.paper_seq IS NULL OR v.content_hash != p.content_hash`;

const SQL = {
  pending: `SELECT p.seq, p.title, ${abstractText('p.abstract')} AS abstract, p.content_hash AS "contentHash" ${MISSING} ORDER BY p.published_at DESC, p.seq DESC LIMIT @limit`,
  countPending: `SELECT count(*) ${MISSING}`,
  countStored: 'SELECT count(*) FROM paper_vectors WHERE model = ?',
  save: `INSERT INTO paper_vectors (model, paper_seq, content_hash, vector, embedded_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (model, paper_seq) DO UPDATE SET content_hash = excluded.content_hash, vector = excluded.vector, embedded_at = excluded.embedded_at`,
  nearest: `SELECT paper_seq AS seq, vec_distance_cosine(vector, @query) AS distance FROM paper_vectors
    WHERE model = @model AND embedded_at > @since AND length(vector) = length(@query) ORDER BY distance LIMIT @k`,
  vectorsSince: 'SELECT paper_seq AS seq, vector FROM paper_vectors WHERE model = @model AND embedded_at > @since',
  countSince: 'SELECT count(*) FROM paper_vectors WHERE model = ? AND embedded_at > ?',
  vectorOf: 'SELECT v.paper_seq AS seq, v.vector FROM paper_vectors v JOIN papers p ON p.seq = v.paper_seq WHERE v.model = ? AND p.id = ?',
  latest: 'SELECT max(embedded_at) FROM paper_vectors WHERE model = ?',
};

export function createVectorStore(sql: Sql) {
  /** Exact nearest among the model's vectors stored after `since` ('' for all). */
  async function nearestAfter(model: string, query: Float32Array, k: number, since: string): Promise<Neighbour[]> {
    if (sql.dialect === 'sqlite') return sql.all<Neighbour>(SQL.nearest, { model, query: toBlob(query), k, since });
    const rows = await sql.all<{ seq: number; vector: Buffer }>(SQL.vectorsSince, { model, since });
    return exactNearest(rows, query, k);
  }

  return {
    pending: (model: string, limit: number) => sql.all<PendingPaper>(SQL.pending, { model, limit }),
    progress: async (model: string) => ({
      embedded: (await sql.value<number>(SQL.countStored, [model]))!,
      pending: (await sql.value<number>(SQL.countPending, { model }))!,
    }),
    save: (model: string, rows: { seq: number; contentHash: string; vector: Float32Array }[]): Promise<void> =>
      sql.transaction(async (tx) => {
        const at = laterThan((await tx.value<string | null>(SQL.latest, [model])) ?? null);
        for (const row of rows) await tx.run(SQL.save, [model, row.seq, row.contentHash, toBlob(row.vector), at]);
      }),
    count: async (model: string) => (await sql.value<number>(SQL.countStored, [model]))!,
    /** A paper's stored vector for the model, if it has one. */
    async vectorOf(model: string, paperId: string): Promise<{ seq: number; vector: Float32Array } | null> {
      const row = await sql.get<{ seq: number; vector: Buffer }>(SQL.vectorOf, [model, paperId]);
      return row ? { seq: row.seq, vector: vectorFromBlob(row.vector) } : null;
    },
    /** Exact nearest vectors, by brute force over all of the model's vectors. */
    nearest: (model: string, query: Float32Array, k: number) => nearestAfter(model, query, k, ''),
    /** Exact nearest among the vectors stored after a time, and how many those are. */
    async nearestSince(model: string, query: Float32Array, k: number, since: string): Promise<{ neighbours: Neighbour[]; count: number }> {
      return { neighbours: await nearestAfter(model, query, k, since), count: (await sql.value<number>(SQL.countSince, [model, since]))! };
    },
  };
}

/** The k nearest by cosine distance (sqlite-vec's: 1 − cosine), vectors of another length left out. */
function exactNearest(rows: { seq: number; vector: Buffer }[], query: Float32Array, k: number): Neighbour[] {
  const queryNorm = Math.hypot(...query);
  const scored: Neighbour[] = [];
  for (const row of rows) {
    const vector = vectorFromBlob(row.vector);
    if (vector.length !== query.length) continue;
    let dot = 0;
    let norm = 0;
    for (let index = 0; index < vector.length; index++) {
      dot += vector[index]! * query[index]!;
      norm += vector[index]! * vector[index]!;
    }
    scored.push({ seq: row.seq, distance: 1 - dot / (Math.sqrt(norm) * queryNorm) });
  }
  return scored.sort((a, b) => a.distance - b.distance || a.seq - b.seq).slice(0, k);
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
