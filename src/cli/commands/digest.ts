// paperboy digest preview|send: write one reader's digest to files, or run an
// edition now (for everyone due, one reader, or one date), with --dry-run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../errors.ts';
import { emailKey } from '../../domain/viewer.ts';
import { createProgressReporter } from '../progress.ts';
import { dateOption, requireOption, stringOption, UsageError, type CliContext, type Command, type Values } from '../command.ts';

export const digestCommand: Command = {
  name: 'digest',
  summary: "Preview a reader's digest, or send an edition now (digest preview|send)",
  usage:
    'paperboy digest preview --email ADDRESS [--date DATE] [--out DIR] | paperboy digest send [--dry-run] [--email ADDRESS] [--date DATE]',
  allowPositionals: true,
  options: { email: { type: 'string' }, date: { type: 'string' }, out: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  help: [
    "preview            write the HTML and text of a reader's digest (their next one, or --date's) to DIR; nothing is sent",
    'send               send the digests due now (each reader at their hour, in their time zone); failed ones retry later',
    '--email ADDRESS    preview: whose digest; send: only this reader, now, even when not due',
    '--date DATE        the edition of that day (YYYY-MM-DD): for send, every reader whose schedule includes it, whatever the hour',
    '--out DIR          where preview writes digest-DATE.html and digest-DATE.txt (default: the current folder)',
    '--dry-run          send: list who would get a digest, and send nothing',
    'A reader gets one digest per edition, however often this runs.',
  ],
  async run(context, values, positionals) {
    const [action, ...extra] = positionals;
    if (extra.length) throw new UsageError(`unexpected ${extra.join(' ')}`);
    if (action !== 'preview' && action !== 'send') throw new UsageError('say "preview" or "send"');
    try {
      return await (action === 'preview' ? preview(context, values) : send(context, values));
    } finally {
      // The mail server's pooled connections would keep the process alive until they idle out.
      await (await context.services({ dryRun: values['dry-run'] === true })).close();
    }
  },
};

async function preview(context: CliContext, values: Values): Promise<number> {
  const { digest } = await context.services();
  const { digest: composed, mail } = await digest.previewFor(requireOption(values, 'email'), dateOption(values, 'date'));
  const folder = stringOption(values, 'out') ?? '.';
  const [html, text] = [join(folder, `digest-${composed.edition}.html`), join(folder, `digest-${composed.edition}.txt`)];
  writeFileSync(html, mail.html);
  writeFileSync(text, mail.text);
  context.out.write(`${mail.subject}\nwrote ${html} and ${text}\n`);
  return 0;
}

async function send(context: CliContext, values: Values): Promise<number> {
  const dryRun = values['dry-run'] === true;
  const { digest } = await context.services({ dryRun });
  if (!digest.delivers && !dryRun) throw new AppError('invalid', 'digests are off: set SMTP_URL to a mail server first (or use --dry-run)');
  const email = stringOption(values, 'email');
  const account = email ? await digest.accountByEmail(emailKey(email)) : null;
  if (email && !account) throw new AppError('not_found', `no reader has the address ${email}`);
  const choice = { accountId: account?.id, date: dateOption(values, 'date') };
  const progress = createProgressReporter(context.err, context.log);
  const result = await digest.runEdition({
    ...choice,
    dryRun,
    onProgress: (report) => progress.update({ label: 'digests', records: report.sent + report.skipped + report.failed + report.retrying }),
  });
  progress.finish();
  if (result.dryRun) {
    for (const due of result.due)
      context.out.write(`would send: account ${due.accountId}, edition ${due.edition}, papers since ${due.since}\n`);
    context.out.write(`${result.due.length} digests due; nothing sent (dry run)\n`);
    return 0;
  }
  const { report } = result;
  const audience = result.run ? `run of ${result.run.audience} new digests` : 'no reader newly due';
  context.out.write(
    `${audience}: sent ${report.sent}, skipped ${report.skipped} (nothing new), failed ${report.failed}, retrying later ${report.retrying}\n`,
  );
  return report.failed ? 1 : 0;
}
