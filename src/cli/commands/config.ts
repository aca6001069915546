// paperboy config: the effective configuration, secrets redacted.
import { describeConfig } from '../../config.ts';
import type { Command } from '../command.ts';

export const configCommand: Command = {
  name: 'config',
  summary: 'Print the effective configuration (secrets redacted)',
  usage: 'paperboy config',
  options: {},
  help: [],
  async run(context) {
    const rows = describeConfig(context.config);
    const width = Math.max(...rows.map((row) => row.key.length));
    context.out.write(rows.map((row) => `${row.key.padEnd(width)}  ${row.value}`).join('\n') + '\n');
    return 0;
  },
};
