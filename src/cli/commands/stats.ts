// paperboy stats: what the store holds.
import type { Command } from '../command.ts';

export const statsCommand: Command = {
  name: 'stats',
  summary: 'Show how many papers, authors and code links are stored, by source',
  usage: 'paperboy stats [--json]',
  options: { json: { type: 'boolean' } },
  help: ['--json   print the numbers as JSON'],
  async run(context, values) {
    const services = context.services();
    const embeddings = services.embedQueue ? { model: services.embedQueue.modelId, ...services.embedQueue.progress() } : null;
    const stats = { ...services.papers.stats(), embeddings };
    if (values.json) {
      context.out.write(`${JSON.stringify(stats, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `papers        ${stats.papers.toLocaleString('en')}`,
      `authors       ${stats.authors.toLocaleString('en')}`,
      `code links    ${stats.codeLinks.toLocaleString('en')}`,
      `newest paper  ${stats.newestPublishedAt?.slice(0, 10) ?? '-'}`,
      `embeddings    ${embeddings ? `${embeddings.embedded.toLocaleString('en')} embedded, ${embeddings.pending.toLocaleString('en')} pending (${embeddings.model})` : 'off (EMBEDDINGS_PROVIDER=none)'}`,
      'by source:',
      ...Object.entries(stats.bySource).map(([source, count]) => `  ${source.padEnd(14)}${count.toLocaleString('en')}`),
    ];
    context.out.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
