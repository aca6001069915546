// paperboy serve: run the web app. On an empty database it first imports the
// demo corpus, so a fresh clone shows a working site. With an embedding model
// configured, papers get their vectors in the background meanwhile. The
// scheduled jobs run beside it, unless left to workers (--no-jobs).
import { createProgressReporter } from '../progress.ts';
import { formatSummary } from '../summary.ts';
import { positiveIntOption, type Command } from '../command.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the web app (imports the demo corpus into an empty database first)',
  usage: 'paperboy serve [--port N] [--no-jobs]',
  options: { port: { type: 'string' }, 'no-jobs': { type: 'boolean' } },
  help: [
    '--port N    listen on port N (default: PORT, 8080)',
    '--no-jobs   only serve: leave the scheduled jobs and the embedding to `paperboy worker` processes',
  ],
  async run(context, values) {
    const services = await context.services();
    if (context.config.demoCorpus && (await services.papers.countPapers()) === 0) {
      context.log.info('empty database: importing the demo corpus');
      const progress = createProgressReporter(context.err, context.log);
      const summary = await services.ingest.importDemoCorpus({ onProgress: progress.update });
      progress.finish();
      context.err.write(`demo corpus: ${formatSummary(summary)}`);
    }
    const jobs = values['no-jobs'] !== true;
    if (jobs) services.backgroundEmbedding?.start();
    await context.serve(services, positiveIntOption(values, 'port', context.config.port), { jobs });
    return 0;
  },
};
