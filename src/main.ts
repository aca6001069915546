// Composition root: config → log → db → services → CLI (and the web server
// for "serve"). The only module that knows every layer. A web worker process
// of a cluster (see server.ts) only serves.
import cluster from 'node:cluster';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { openDatabase } from './db/open.ts';
import { createServices, type Services } from './services.ts';
import { runWebWorker, serveWeb, workerCount } from './server.ts';
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
    services: () => (services ??= createServices(config, openDatabase(config.databaseUrl), log)),
    serve: (running, port) => {
      const stopJobs = createScheduler({ leases: running.jobLeases, jobs: hubJobs(running), log: log.child({ component: 'jobs' }) }).start();
      return serveWeb(running, port, workerCount(config.webWorkers), stopJobs);
    },
    out: process.stdout,
    err: process.stderr,
  };
}

if (cluster.isWorker) {
  const config = loadConfig();
  await runWebWorker(() => createServices(config, openDatabase(config.databaseUrl), createLogger(config.logLevel).child({ worker: cluster.worker!.id })));
} else {
  process.exitCode = await runCli(process.argv.slice(2), createContext);
}
