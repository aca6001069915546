// paperboy embed: give every paper a vector for the configured embedding
// model. Safe to interrupt and run again: it picks up what is still missing.
import { AppError } from '../../errors.ts';
import { createProgressReporter } from '../progress.ts';
import { positiveIntOption, type Command } from '../command.ts';

export const embedCommand: Command = {
  name: 'embed',
  summary: 'Embed the papers that have no vector yet for the configured model (search by meaning)',
  usage: 'paperboy embed [--batch N]',
  options: { batch: { type: 'string' } },
  help: ['--batch N   papers per request to the embedding model (default 32)'],
  async run(context, values) {
    const queue = (await context.services()).embedQueue;
    if (!queue)
      throw new AppError(
        'invalid',
        'no embedding model is configured: set EMBEDDINGS_PROVIDER=transformers (after "paperboy models pull") or EMBEDDINGS_PROVIDER=openai with EMBEDDINGS_URL',
      );
    const start = await queue.progress();
    const progress = createProgressReporter(context.err, context.log);
    const total = start.embedded + start.pending;
    const embedded = await queue.drain({
      batchSize: positiveIntOption(values, 'batch', 32),
      onProgress: (now) => progress.update({ label: queue.modelId, records: now.embedded - start.embedded, done: now.embedded, total }),
    });
    progress.finish();
    const end = await queue.progress();
    context.out.write(`embedded ${embedded} papers with ${queue.modelId}; ${end.embedded} have vectors, ${end.pending} pending\n`);
    return 0;
  },
};
