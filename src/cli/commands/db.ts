// paperboy db copy: move a hub's data into an empty PostgreSQL database
// (from its SQLite file, or from another PostgreSQL database). Resumable: run
// the same command again after an interruption. Verified by counts and
// checksums of every table at the end.
import { copyDatabase } from '../../services.ts';
import { createProgressReporter } from '../progress.ts';
import { positiveIntOption, requireOption, stringOption, UsageError, type Command } from '../command.ts';

export const dbCommand: Command = {
  name: 'db',
  summary: 'Copy every paper, account and index into an empty PostgreSQL database (db copy)',
  usage: 'paperboy db copy --from URL --to postgres://… [--batch N]',
  allowPositionals: true,
  options: { from: { type: 'string' }, to: { type: 'string' }, batch: { type: 'string' } },
  help: [
    '--from URL   the database to copy: sqlite:PATH, or postgres://… (default: DATABASE_URL)',
    '--to URL     an empty PostgreSQL database (migrated first); a copy that was interrupted goes on where it stopped',
    '--batch N    rows per transaction (default 2000)',
    'Stop the hub while it copies; afterwards set DATABASE_URL to the new database.',
  ],
  async run(context, values, positionals) {
    if (positionals.length !== 1 || positionals[0] !== 'copy') throw new UsageError('the only action is "copy"');
    const from = stringOption(values, 'from') ?? context.config.databaseUrl;
    const to = requireOption(values, 'to');
    const progress = createProgressReporter(context.err, context.log);
    const report = await copyDatabase(from, to, {
      batchSize: positiveIntOption(values, 'batch', 2000),
      onProgress: ({ table, copied, total }) => progress.update({ label: table, records: copied, done: copied, total }),
    });
    progress.finish();
    const rows = report.tables.reduce((sum, table) => sum + table.rows, 0);
    if (report.resumed) context.err.write('went on with a copy begun before\n');
    for (const table of report.tables)
      context.out.write(`${table.name.padEnd(24)}${String(table.rows).padStart(10)}  ${table.checksum.slice(0, 16)}\n`);
    context.out.write(
      `copied ${rows} rows in ${report.tables.length} tables; counts and checksums match the source${report.linkKeyMoved ? '; the link key moved too, so links in sent digests keep working' : ''}\n`,
    );
    return 0;
  },
};
