// paperboy serve: run the web app. On an empty database it first imports the
// demo corpus, so a fresh clone shows a working site. With an embedding model
// configured, papers get their vectors in the background meanwhile.
import { createProgressReporter } from '../progress.ts';
import { formatSummary } from '../summary.ts';
import { positiveIntOption, type Command } from '../command.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the web app (imports the demo corpus into an empty database first)',
  usage: 'paperboy serve [--port N]',
  options: { port: { type: 'string' } },
  help: ['--port N   listen on port N (default: PORT, 8080)'],
  async run(context, values) {
    const services = await context.services();
    if (context.config.demoCorpus && (await services.papers.countPapers()) === 0) {
      context.log.info('empty database: importing the demo corpus');
      const progress = createProgressReporter(context.err, context.log);
      const summary = await services.ingest.importDemoCorpus({ onProgress: progress.update });
      progress.finish();
      context.err.write(`demo corpus: ${formatSummary(summary)}`);
    }
    services.backgroundEmbedding?.start();
    await context.serve(services, positiveIntOption(values, 'port', context.config.port));
    return 0;
  },
};
