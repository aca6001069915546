// paperboy stats: what the store holds.
import type { Command } from '../command.ts';

export const statsCommand: Command = {
  name: 'stats',
  summary: "Show how many papers, authors and code links are stored, by source, and the digest's readers and runs",
  usage: 'paperboy stats [--json]',
  options: { json: { type: 'boolean' } },
  help: ['--json   print the numbers as JSON'],
  async run(context, values) {
    const services = await context.services();
    const embeddings = services.embedQueue ? { model: services.embedQueue.modelId, ...(await services.embedQueue.progress()) } : null;
    const { digest } = await services.status.hubStatus();
    const stats = { ...(await services.papers.stats()), embeddings, digest };
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
      `readers       ${digest.confirmed.toLocaleString('en')} confirmed, ${digest.waiting.toLocaleString('en')} waiting to confirm, ${digest.unsubscribed.toLocaleString('en')} unsubscribed, ${digest.suspended.toLocaleString('en')} suspended${digest.delivers ? '' : ' (digests off: no SMTP_URL)'}`,
      `digests       ${digest.sent.toLocaleString('en')} sent, ${digest.failed.toLocaleString('en')} failed, ${digest.skipped.toLocaleString('en')} skipped, ${digest.pending.toLocaleString('en')} pending`,
      `last run      ${digest.lastRun ? `${digest.lastRun.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${digest.lastRun.audience} readers${digest.lastRun.finishedAt ? '' : ' (still sending)'}` : '-'}`,
      'by source:',
      ...Object.entries(stats.bySource).map(([source, count]) => `  ${source.padEnd(14)}${count.toLocaleString('en')}`),
    ];
    context.out.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
