// Nearest vectors on PostgreSQL through pgvector, when the server has it: one
// table per model (a vector(D) column under an HNSW index, cosine distance),
// filled from paper_vectors a few saves at a time. Vectors stored since the
// last fill are searched exactly beside it (vector-index.ts), so nothing is
// missed. Without pgvector, search by meaning is exact, and the start says so.
import { createHash } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { Database, Sql } from './sql.ts';
import { vectorFromBlob, type Neighbour } from './vector-store.ts';

/** Vectors copied per statement while filling a model's table. */
const FILL_BATCH = 500;

const SQL = {
  available: "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'",
  create: 'CREATE EXTENSION IF NOT EXISTS vector',
  tableExists: 'SELECT to_regclass(?) IS NOT NULL',
  dimensions: "SELECT atttypmod FROM pg_attribute WHERE attrelid = CAST(? AS regclass) AND attname = 'embedding'",
  /** The embedded_at of the last vector of the next fill: whole saves only, since each save has one time. */
  fillCut: `SELECT embedded_at FROM paper_vectors WHERE model = @model AND embedded_at > @through
    ORDER BY embedded_at LIMIT 1 OFFSET ${FILL_BATCH - 1}`,
  fillRows: `SELECT paper_seq AS seq, vector, embedded_at AS "embeddedAt" FROM paper_vectors
    WHERE model = @model AND embedded_at > @through AND (CAST(@cut AS TEXT) IS NULL OR embedded_at <= @cut)`,
};

const tableOf = (model: string) => `pgvector_${createHash('sha256').update(model).digest('hex').slice(0, 16)}`;
const vectorText = (vector: Float32Array) => `[${Array.from(vector).join(',')}]`;

export interface PgvectorIndex {
  /** The newest embedded_at copied into the model's table and its vectors' length, or null when it has no table yet. */
  state(model: string): Promise<{ builtThrough: string; dimensions: number } | null>;
  /** Copies the vectors stored since the last fill (one fill at a time per model in a process). */
  fill(model: string): Promise<void>;
  /** The k nearest in the model's table, by the HNSW index. */
  nearest(model: string, query: Float32Array, k: number): Promise<Neighbour[]>;
}

/**
 * pgvector on `db` when its server has the extension (created if needed), or null: SQLite, or a
 * server without it (then the notice says what that costs and how to change it).
 */
export async function openPgvectorIndex(db: Database, log: Logger): Promise<PgvectorIndex | null> {
  if (db.dialect !== 'postgres') return null;
  if (!(await db.value<number>(SQL.available))) {
    log.warn(
      'pgvector is not installed on this PostgreSQL server: search by meaning compares the query with every stored vector (exact, slower as papers grow). Install the pgvector extension for an HNSW index.',
    );
    return null;
  }
  try {
    await db.script(SQL.create);
  } catch (error) {
    log.warn(
      { err: (error as Error).message },
      'pgvector is on this server but could not be enabled here (CREATE EXTENSION vector): search by meaning is exact',
    );
    return null;
  }
  log.info('search by meaning uses pgvector (HNSW)');
  return createPgvectorIndex(db);
}

function createPgvectorIndex(sql: Sql): PgvectorIndex {
  const filling = new Map<string, Promise<void>>();

  async function state(model: string): Promise<{ builtThrough: string; dimensions: number } | null> {
    const table = tableOf(model);
    if (!(await sql.value<boolean>(SQL.tableExists, [table]))) return null;
    const builtThrough = (await sql.value<string | null>(`SELECT max(embedded_at) FROM ${table}`)) ?? '';
    // vector(D) keeps D as its type modifier.
    const dimensions = (await sql.value<number>(SQL.dimensions, [table])) ?? 0;
    return { builtThrough, dimensions };
  }

  async function createTable(model: string, dimensions: number): Promise<void> {
    const table = tableOf(model);
    await sql.script(`CREATE TABLE IF NOT EXISTS ${table} (paper_seq BIGINT PRIMARY KEY, embedding vector(${dimensions}) NOT NULL, embedded_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS ${table}_hnsw ON ${table} USING hnsw (embedding vector_cosine_ops);`);
  }

  /** Copies one batch of whole saves; false when nothing was left to copy. */
  async function fillBatch(model: string): Promise<boolean> {
    const through = (await state(model))?.builtThrough ?? '';
    const cut = (await sql.value<string>(SQL.fillCut, { model, through })) ?? null;
    const rows = await sql.all<{ seq: number; vector: Buffer; embeddedAt: string }>(SQL.fillRows, { model, through, cut });
    if (!rows.length) return false;
    const vectors = rows.map((row) => vectorFromBlob(row.vector));
    await createTable(model, vectors[0]!.length);
    const dimensions = vectors[0]!.length;
    await sql.transaction(async (tx) => {
      for (const [index, row] of rows.entries()) {
        // A vector of another length (a changed model under the same name) cannot join this table.
        if (vectors[index]!.length !== dimensions) continue;
        await tx.run(
          `INSERT INTO ${tableOf(model)} (paper_seq, embedding, embedded_at) VALUES (?, CAST(? AS vector), ?)
            ON CONFLICT (paper_seq) DO UPDATE SET embedding = excluded.embedding, embedded_at = excluded.embedded_at`,
          [row.seq, vectorText(vectors[index]!), row.embeddedAt],
        );
      }
    });
    return true;
  }

  return {
    state,
    fill(model) {
      const running = filling.get(model);
      if (running) return running;
      const done = (async () => {
        while (await fillBatch(model));
      })().finally(() => filling.delete(model));
      filling.set(model, done);
      return done;
    },
    // Not in a transaction (which would go to the primary): the pool's connections set hnsw.ef_search (postgres-sql.ts).
    nearest: (model, query, k) =>
      sql.all<Neighbour>(
        `SELECT paper_seq AS seq, embedding <=> CAST(@query AS vector) AS distance FROM ${tableOf(model)}
          ORDER BY embedding <=> CAST(@query AS vector) LIMIT @k`,
        { query: vectorText(query), k },
      ),
  };
}
