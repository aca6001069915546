// A real PostgreSQL server for tests and benchmarks, started on loopback in a
// temporary folder (initdb, then pg_ctl), as an unprivileged user: PostgreSQL
// refuses to run as root, so under root the commands run as the postgres user.
// Also starts a streaming replica of it (pg_basebackup -R).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface PostgresServer {
  port: number;
  dataDir: string;
  /** The URL of a database on this server. */
  url(database?: string): string;
  stop(): void;
}

const USER = 'paperboy';

/** Where Debian (or PG_BIN) keeps initdb and pg_ctl; null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

/** Runs a PostgreSQL program, as the postgres user when this process is root. */
function run(bin: string, program: string, args: string[]): void {
  const path = join(bin, program);
  const asRoot = process.getuid?.() === 0;
  const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
}

/** A folder the server's user may write (the postgres user, when this process is root). */
function ownedDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  else chmodSync(dir, 0o700);
  return dir;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Settings of every server here: on loopback, room for many test processes, ready for a streaming replica. */
const SETTINGS = [
  "listen_addresses = '127.0.0.1'",
  'max_connections = 300',
  'wal_level = replica',
  'max_wal_senders = 5',
  'hot_standby = on',
];

/** A throwaway server for tests: no fsync (a crash loses nothing a test keeps). */
const THROWAWAY = ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off', 'shared_buffers = 128MB'];

/**
 * A server for benchmarks, as a careful operator of one small machine would set it: every write
 * reaches the disk (fsync, full page writes); a commit returns before its log is flushed
 * (synchronous_commit off: a crash of the machine may lose the last moments, never corrupt),
 * as SQLite's WAL with synchronous=NORMAL does; a quarter of memory for shared buffers is
 * PostgreSQL's advice, capped here to leave the page cache to the others.
 */
export const BENCH_SETTINGS = ['synchronous_commit = off', 'shared_buffers = 1GB', 'effective_cache_size = 8GB', 'max_wal_size = 4GB'];

function start(bin: string, dataDir: string, port: number): PostgresServer {
  const socketDir = dataDir;
  run(bin, 'pg_ctl', ['start', '-w', '-D', dataDir, '-l', join(dataDir, 'server.log'), '-o', `-p ${port} -k ${socketDir}`]);
  return {
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://${USER}@127.0.0.1:${port}/${database}`,
    stop: () => {
      run(bin, 'pg_ctl', ['stop', '-m', 'fast', '-D', dataDir]);
      rmSync(dirname(dataDir), { recursive: true, force: true });
    },
  };
}

/** A new cluster (initdb, C collation: text sorts by code point, as in SQLite) started on a free loopback port. */
export async function startPostgres(settings: string[] = THROWAWAY): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb under /usr/lib/postgresql; set PG_BIN)');
  const dataDir = join(ownedDir('paperboy-pg-'), 'data');
  run(bin, 'initdb', ['-D', dataDir, '-U', USER, '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync']);
  writeFileSync(`${dataDir}.conf`, [...SETTINGS, ...settings].join('\n'));
  appendSettings(bin, dataDir);
  return start(bin, dataDir, await freePort());
}

function appendSettings(bin: string, dataDir: string): void {
  // The conf file belongs to the server's user: append through it.
  const include = `include '${dataDir}.conf'`;
  const asRoot = process.getuid?.() === 0;
  const script = `echo "${include}" >> '${join(dataDir, 'postgresql.conf')}'`;
  const result = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', 'sh', '-c', script]) : spawnSync('sh', ['-c', script]);
  if (result.status !== 0) throw new Error(`could not configure PostgreSQL in ${dataDir} (${bin})`);
}

/** A streaming replica of `primary` (pg_basebackup -R writes its standby settings), started on its own port. */
export async function startReplica(primary: PostgresServer): Promise<PostgresServer> {
  const bin = postgresBinDir()!;
  const dataDir = join(ownedDir('paperboy-pg-replica-'), 'data');
  run(bin, 'pg_basebackup', [
    '-D',
    dataDir,
    '-R',
    '-X',
    'stream',
    '--checkpoint=fast',
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    USER,
  ]);
  return start(bin, dataDir, await freePort());
}
