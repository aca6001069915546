// paperboy recommend --email ADDRESS: a reader's "For you" list from the
// terminal, each paper with why, as the home page's tab shows it.
import { isTrendingWindow, TRENDING_WINDOWS, type TrendingWindow } from '../../domain/trending.ts';
import { reasonText } from '../../domain/recommend-reasons.ts';
import { texToText } from '../../domain/tex.ts';
import { UsageError, positiveIntOption, stringOption, type Command, type Values } from '../command.ts';

function windowOption(values: Values): TrendingWindow {
  const window = stringOption(values, 'window') ?? 'week';
  if (!isTrendingWindow(window)) throw new UsageError(`--window must be one of ${TRENDING_WINDOWS.join(', ')}`);
  return window;
}

export const recommendCommand: Command = {
  name: 'recommend',
  summary: "Show a reader's recommendations (the home page's For you), each with why",
  usage: 'paperboy recommend --email ADDRESS [--window day|week|month] [--from COLLECTION_ID] [--limit N] [--json]',
  options: {
    email: { type: 'string' },
    window: { type: 'string' },
    from: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  },
  help: [
    '--email A    the reader (their account address)',
    '--window W   the newest day, week (default) or month of papers',
    '--from ID    recommend from this collection of theirs alone',
    '--limit N    how many (default 20, at most 100)',
    '--json       print them as JSON',
  ],
  async run(context, values) {
    const email = stringOption(values, 'email');
    if (!email) throw new UsageError('recommend needs --email ADDRESS');
    const from = stringOption(values, 'from');
    const page = await (
      await context.services()
    ).recommend.pageByEmail(email, windowOption(values), {
      collectionId: from === undefined ? null : positiveIntOption(values, 'from', 1),
      limit: Math.min(positiveIntOption(values, 'limit', 20), 100),
    });
    if (values.json) {
      const papers = page.papers.map(({ card, reasons }) => ({
        ...card,
        reasons: reasons.map((reason) => ({ ...reason, text: reasonText(reason) })),
      }));
      context.out.write(`${JSON.stringify({ ...page, papers }, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `New papers for ${email}, published ${page.from} to ${page.to}${page.collection ? `, from ${page.collection.name}` : ''}:`,
    ];
    page.papers.forEach(({ card, reasons }, index) => {
      lines.push(
        `${String(index + 1).padStart(2)}. ${texToText(card.title)}`,
        `    ${card.id} · why: ${reasons.map(reasonText).join(' · ') || '—'}`,
      );
    });
    if (!page.papers.length)
      lines.push(
        page.signals.liked + page.signals.authors + page.signals.categories
          ? 'nothing new for this reader in this window'
          : 'nothing to go on: this reader has saved, voted for and followed nothing',
      );
    context.out.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
