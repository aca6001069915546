// Composition root: config → log → db → services → CLI (and the web server
// for "serve"). The only module that knows every layer.
import { serve } from '@hono/node-server';
import { loadConfig } from './config.ts';
import { AppError } from './errors.ts';
import { createLogger } from './log.ts';
import { openDatabase } from './db/open.ts';
import { createServices, type Services } from './services.ts';
import { createApp } from './web/app.ts';
import { runCli } from './cli/index.ts';
import type { CliContext } from './cli/command.ts';

function startServer(services: Services, port: number): Promise<void> {
  const { host } = services.config;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: createApp(services).fetch, hostname: host, port }, (info) => {
      services.log.info({ url: `http://localhost:${info.port}` }, 'paperboy is serving');
      process.stderr.write(`paperboy is serving on http://localhost:${info.port}\n`);
    });
    server.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new AppError('unavailable', `port ${port} is already in use; set PORT or pass --port`) : error);
    });
    const stop = () => server.close(() => void services.close().then(resolve, reject));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function createContext(): CliContext {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  let services: Services | undefined;
  return {
    config,
    log,
    services: () => (services ??= createServices(config, openDatabase(config.databaseUrl), log)),
    serve: startServer,
    out: process.stdout,
    err: process.stderr,
  };
}

process.exitCode = await runCli(process.argv.slice(2), createContext);
