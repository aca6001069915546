// Composition root: config → log → db → services → CLI (and the web server
// for "serve"). The only module that knows every layer. A web worker process
// of a cluster (see server.ts) only serves.
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { loadConfig, type Config } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { isPostgresUrl, openDatabase, redactedUrl, sqlitePath, type Db } from './db/open.ts';
import { pendingMigrations } from './db/migrate.ts';
import { classifyDatabaseError, classifyingErrors } from './db/storage-errors.ts';
import { AppError } from './errors.ts';
import { createServices, type Services } from './services.ts';
import { runWebWorker, serveWeb, untilStopped, workerCount } from './server.ts';
import { runCli } from './cli/index.ts';
import { createScheduler } from './jobs/scheduler.ts';
import { hubJobs } from './jobs/jobs.ts';
import type { CliContext } from './cli/command.ts';

function createContext(): CliContext {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  let services: Services | undefined;
  return {
    config,
    log,
    services: async (options) => (services ??= await classifyingErrors(() => openServices(config, log, options))),
    explainError: classifyDatabaseError,
    serve: (running, port, { jobs }) =>
      serveWeb(running, port, workerCount(config.webWorkers), jobs ? startJobs(running, log) : async () => {}),
    runJobs: async (running) => {
      const stopJobs = startJobs(running, log);
      await untilStopped();
      await stopJobs();
      await running.close();
    },
    out: process.stdout,
    err: process.stderr,
    close: async () => services?.close(),
  };
}

/** Starts the scheduled jobs; the returned function waits for a running job and stops them. */
function startJobs(services: Services, log: Logger): () => Promise<void> {
  return createScheduler({ leases: services.jobLeases, jobs: hubJobs(services), log: log.child({ component: 'jobs' }) }).start();
}

/**
 * The services on the configured database. A dry run creates and migrates nothing: without a
 * database file yet it checks against an empty one in memory, and an out-of-date one must be
 * migrated first.
 */
async function openServices(config: Config, log: Logger, { dryRun = false } = {}): Promise<Services> {
  if (!dryRun) return servicesOn(await openDatabase(config.databaseUrl, databaseOptions(config)), config, log);
  const path = isPostgresUrl(config.databaseUrl) ? null : sqlitePath(config.databaseUrl);
  if (path && path !== ':memory:' && !existsSync(path)) {
    log.info({ path }, 'dry run: the database does not exist yet, so records are checked against an empty one in memory');
    return servicesOn(await openDatabase('sqlite::memory:'), config, log);
  }
  const db = await openDatabase(config.databaseUrl, databaseOptions(config));
  const pending = await pendingMigrations(db);
  if (!pending.length) return servicesOn(db, config, log, { writes: false });
  await db.close();
  throw new AppError(
    'invalid',
    `the database ${path ?? redactedUrl(config.databaseUrl)} needs migrations (${pending.join(', ')}) that a dry run does not apply: run "paperboy migrate" first`,
  );
}

const databaseOptions = (config: Config) => ({ replicaUrls: config.databaseReplicaUrls, poolSize: config.databasePoolSize });

/** The services on `db`; when they cannot start (a migration refused), `db` is closed, or its pool would hold the process open. */
async function servicesOn(db: Db, config: Config, log: Logger, options: { writes?: boolean } = {}): Promise<Services> {
  try {
    return await createServices(config, db, log, options);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

if (cluster.isWorker) {
  const config = loadConfig();
  await runWebWorker(async () =>
    servicesOn(
      await openDatabase(config.databaseUrl, databaseOptions(config)),
      config,
      createLogger(config.logLevel).child({ worker: cluster.worker!.id }),
    ),
  );
} else {
  process.exitCode = await runCli(process.argv.slice(2), createContext);
}
