// paperboy worker: the scheduled jobs without the web app (trending, digests,
// the arXiv fill, expired links) and the background embedding, until stopped.
// Run any number of workers beside `serve --no-jobs` on one PostgreSQL database:
// leases keep two of them from doing the same work.
import type { Command } from '../command.ts';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Run the scheduled jobs and the embedding, without the web app, until stopped',
  usage: 'paperboy worker',
  options: {},
  help: [],
  async run(context) {
    const services = await context.services();
    services.backgroundEmbedding?.start();
    context.err.write('paperboy worker is running the scheduled jobs; stop it with Ctrl+C or SIGTERM\n');
    await context.runJobs(services);
    return 0;
  },
};
