// Serving the web app: in one process, or as a cluster of worker processes
// sharing the port (WEB_WORKERS), each with its own read connection to the
// database. The primary keeps the jobs (background embedding) and stops the
// workers gracefully on SIGINT or SIGTERM.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { serve, type ServerType } from '@hono/node-server';
import { AppError } from './errors.ts';
import type { Services } from './services.ts';
import { createApp } from './web/app.ts';

/** Worker to primary: ready for its port, then serving (or why not). */
type WorkerMessage = { ready: true } | { listening: true } | { error: string };

const RESTART_DELAY_MS = 1_000;

export function workerCount(configured: number): number {
  return configured > 0 ? configured : availableParallelism();
}

/**
 * Serves until SIGINT or SIGTERM, then stops the background work (`stopJobs`) and closes
 * everything; rejects when the port cannot be had.
 */
export async function serveWeb(services: Services, port: number, workers: number, stopJobs: () => Promise<void>): Promise<void> {
  const stop = await (workers > 1 ? startWorkers(services, port, workers) : startSingle(services, port)).catch(async (error: unknown) => {
    await stopJobs();
    throw error;
  });
  announce(services, port, workers);
  await untilStopped();
  await stop();
  await stopJobs();
  await services.close();
}

/** Resolves at the first SIGINT or SIGTERM; the process stays up meanwhile, even with nothing else to do. */
export function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const awake = setInterval(() => undefined, 2 ** 30);
    const onSignal = () => {
      clearInterval(awake);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function announce(services: Services, port: number, workers: number): void {
  services.log.info({ url: `http://localhost:${port}`, workers }, 'paperboy is serving');
  process.stderr.write(`paperboy is serving on http://localhost:${port}${workers > 1 ? ` (${workers} worker processes)` : ''}\n`);
}

function listen(services: Services, port: number): Promise<ServerType> {
  const { host } = services.config;
  services.tuneForServing();
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: createApp(services).fetch, hostname: host, port }, () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new AppError('unavailable', `port ${port} is already in use; set PORT or pass --port`) : error);
    });
  });
}

async function startSingle(services: Services, port: number): Promise<() => Promise<void>> {
  const server = await listen(services, port);
  return () => new Promise((resolve) => server.close(() => resolve()));
}

async function startWorkers(services: Services, port: number, count: number): Promise<() => Promise<void>> {
  let stopping = false;
  const fork = (): Promise<Worker> => {
    const worker = cluster.fork();
    // While stopping, a worker's channel may close under a message on its way: that is expected.
    worker.on('error', (error) => stopping || services.log.warn({ err: error }, 'web worker channel failed'));
    return new Promise((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if ('ready' in message) {
          if (!stopping) worker.send({ port });
        } else if ('error' in message) reject(new AppError('unavailable', message.error));
        else resolve(worker);
      });
      worker.once('exit', (code) => {
        if (stopping) return;
        reject(new Error(`a web worker exited (code ${code}) before it was serving`));
        services.log.error({ code }, 'web worker exited; starting another in a second');
        setTimeout(
          () => void fork().catch((error: unknown) => services.log.error({ err: error }, 'could not restart a web worker')),
          RESTART_DELAY_MS,
        );
      });
    });
  };
  const running = () => Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
  await Promise.all(Array.from({ length: count }, fork)).catch((error: unknown) => {
    stopping = true;
    // Workers ignore signals (see runWebWorker): a disconnected one closes and exits.
    for (const worker of running()) if (worker.isConnected()) worker.disconnect();
    throw error;
  });
  return async () => {
    stopping = true;
    await Promise.all(
      running().map((worker) => new Promise((resolve) => (worker.once('exit', resolve), worker.isConnected() && worker.disconnect()))),
    );
  };
}

/** A worker's life: wait for the port, serve, and close when the primary disconnects. */
export async function runWebWorker(createServices: () => Promise<Services>): Promise<void> {
  // Signals reach every process of the group (Ctrl+C, a service manager); the primary decides when workers stop.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  const portMessage = new Promise<{ port: number }>((resolve) => process.once('message', resolve));
  tellPrimary({ ready: true });
  const { port } = await portMessage;
  const services = await createServices();
  let server: ServerType | null = null;
  // The primary disconnects a worker to stop it, whether it is serving or failed to start.
  process.once('disconnect', () => (server ? server.close(() => void services.close()) : void services.close()));
  try {
    server = await listen(services, port);
    tellPrimary({ listening: true });
  } catch (error) {
    tellPrimary({ error: error instanceof Error ? error.message : String(error) });
  }
}

/** The primary may already be stopping every worker (another one failed first): a closed channel is no error then. */
function tellPrimary(message: WorkerMessage): void {
  if (process.connected) process.send!(message, undefined, undefined, () => undefined);
}
