// Reads on streaming replicas, writes on the primary. Only the reads of a web
// request go to a replica (`readRouting(db).during`); jobs, the CLI and every
// transaction use the primary. A request that wrote reads the primary for the
// rest of its work, and the reader's next requests read a replica only once it
// has replayed the primary's log up to that write (read-your-writes): the
// position travels with the reader (a cookie), so any web process honours it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Sql } from './sql.ts';

/** What a web request did: whether it wrote (its next requests must see that). */
export interface RequestReads {
  wrote: boolean;
}

export interface ReadRouting {
  /** Runs a request's `work` with its reads on a replica that has replayed `after` (a primary position), or on the primary. */
  during<T>(after: string | null, work: (request: RequestReads) => Promise<T>): Promise<T>;
  /** Where the primary's log stands now (after a write); null without replicas. */
  position(): Promise<string | null>;
}

interface Scope extends RequestReads {
  after: bigint | null;
}

/** How long a replica's replay position is trusted before it is asked again. */
const REPLAY_TTL_MS = 20;

const NO_ROUTING: ReadRouting = { during: (_after, work) => work({ wrote: false }), position: async () => null };
const routings = new WeakMap<Database, ReadRouting>();

/** How `db` routes a request's reads: replicas when it has them, else everything on the one database. */
export function readRouting(db: Database): ReadRouting {
  return routings.get(db) ?? NO_ROUTING;
}

/** A log position ('16/B374D848') as a number, or null when it is not one. */
export function parsePosition(text: string | null | undefined): bigint | null {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text ?? '');
  return match ? (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`) : null;
}

export function replicatedDatabase(primary: Database, replicas: Database[]): Database {
  const scope = new AsyncLocalStorage<Scope>();
  const replayed = replicas.map(() => ({ position: -1n, readAt: -Infinity }));
  let turn = 0;

  async function replayPosition(index: number): Promise<bigint> {
    const known = replayed[index]!;
    if (Date.now() - known.readAt > REPLAY_TTL_MS) {
      const text = await replicas[index]!.value<string | null>('SELECT pg_last_wal_replay_lsn()::text').catch(() => null);
      // A replica that cannot answer, or is no standby, is passed over until it answers again.
      Object.assign(known, { position: parsePosition(text) ?? -1n, readAt: Date.now() });
    }
    return known.position;
  }

  /** The next replica (in turn) that has replayed `after`, or the primary. */
  async function reader(): Promise<Sql> {
    const current = scope.getStore();
    if (!current || current.wrote) return primary;
    for (let tried = 0; tried < replicas.length; tried++) {
      const index = turn++ % replicas.length;
      if ((await replayPosition(index)) >= (current.after ?? 0n)) return replicas[index]!;
    }
    return primary;
  }

  const writing = <T>(write: () => Promise<T>): Promise<T> => {
    const current = scope.getStore();
    if (current) current.wrote = true;
    return write();
  };

  /**
   * Where the primary's log ends now, every committed write included: the insert position, since
   * with synchronous_commit off a commit may return before its record is written out.
   */
  const primaryPosition = async () => (await primary.value<string>('SELECT pg_current_wal_insert_lsn()::text')) ?? null;

  const database: Database = {
    dialect: primary.dialect,
    all: async (text, params) => (await reader()).all(text, params),
    get: async (text, params) => (await reader()).get(text, params),
    value: async (text, params) => (await reader()).value(text, params),
    column: async (text, params) => (await reader()).column(text, params),
    run: (text, params) => writing(() => primary.run(text, params)),
    script: (text) => writing(() => primary.script(text)),
    transaction: (work) => writing(() => primary.transaction(work)),
    changes: caughtUpChanges(primary, primaryPosition, replicas, replayPosition),
    async close() {
      await Promise.all([primary, ...replicas].map((db) => db.close()));
    },
  };
  routings.set(database, {
    during: (after, work) => {
      const request: Scope = { wrote: false, after: parsePosition(after) };
      return scope.run(request, () => work(request));
    },
    position: primaryPosition,
  });
  return database;
}

/**
 * The primary's change token, announced only once every replica has replayed the change: a
 * cache refilled on the new token then reads the change from whichever replica it asks.
 */
function caughtUpChanges(
  primary: Database,
  primaryPosition: () => Promise<string | null>,
  replicas: Database[],
  replayPosition: (index: number) => Promise<bigint>,
) {
  let announced: string | null = null;
  let waiting: { token: string; position: bigint } | null = null;
  return async (): Promise<string> => {
    const token = await primary.changes();
    if (announced === null) announced = token;
    if (token !== announced && token !== waiting?.token) {
      const position = parsePosition(await primaryPosition());
      waiting = { token, position: position ?? 0n };
    }
    if (waiting) {
      const { position } = waiting;
      // A replica that cannot answer is passed over by reads too, so it does not hold caches back.
      const replayedAll = (await Promise.all(replicas.map((_, index) => replayPosition(index)))).every((at) => at < 0n || at >= position);
      if (replayedAll) [announced, waiting] = [waiting.token, null];
    }
    return announced;
  };
}
