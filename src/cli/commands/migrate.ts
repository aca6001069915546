// paperboy migrate: bring the database schema up to date.
import type { Command } from '../command.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations (serve and ingest do this too)',
  usage: 'paperboy migrate',
  options: {},
  help: [],
  async run(context) {
    const applied = (await context.services()).appliedMigrations;
    context.out.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
    return 0;
  },
};
