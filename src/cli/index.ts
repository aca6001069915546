// The CLI entry: picks the verb, parses its options, prints help, and maps
// errors to exit codes (0 done, 1 done with skipped records, 2 usage or
// configuration error, 3 could not finish).
import { parseArgs } from 'node:util';
import { isAppError } from '../errors.ts';
import { UsageError, type CliContext, type Command } from './command.ts';
import { ingestCommand } from './commands/ingest.ts';
import { statsCommand } from './commands/stats.ts';
import { migrateCommand } from './commands/migrate.ts';
import { configCommand } from './commands/config.ts';
import { serveCommand } from './commands/serve.ts';
import { searchCommand, similarCommand } from './commands/search.ts';
import { embedCommand } from './commands/embed.ts';
import { modelsCommand } from './commands/models.ts';
import { digestCommand } from './commands/digest.ts';
import { recommendCommand } from './commands/recommend.ts';
import { workerCommand } from './commands/worker.ts';
import { dbCommand } from './commands/db.ts';

export const COMMANDS: Command[] = [
  serveCommand,
  workerCommand,
  ingestCommand,
  searchCommand,
  similarCommand,
  recommendCommand,
  embedCommand,
  modelsCommand,
  digestCommand,
  statsCommand,
  migrateCommand,
  dbCommand,
  configCommand,
];

export const EXIT = { done: 0, skipped: 1, usage: 2, failed: 3 } as const;

export function generalHelp(): string {
  const verbs = COMMANDS.map((command) => `  ${command.name.padEnd(9)}${command.summary}`).join('\n');
  return `paperboy: a self-hosted research-paper hub\n\nUsage: paperboy VERB [options]\n\nVerbs:\n${verbs}\n\nRun "paperboy VERB --help" for a verb's options.\n`;
}

export function commandHelp(command: Command): string {
  const options = command.help.length ? `\n\n${command.help.map((line) => `  ${line}`).join('\n')}` : '';
  return `${command.summary}\n\nUsage: ${command.usage}${options}\n`;
}

/** Runs the CLI; `withContext` builds the context lazily so --help works without config. */
export async function runCli(argv: string[], withContext: () => CliContext, out = process.stdout, err = process.stderr): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === 'help' || verb === '--help' || verb === '-h') {
    out.write(generalHelp());
    return verb ? EXIT.done : EXIT.usage;
  }
  const command = COMMANDS.find((candidate) => candidate.name === verb);
  if (!command) {
    err.write(`paperboy: unknown verb "${verb}"\n\n${generalHelp()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out.write(commandHelp(command));
    return EXIT.done;
  }
  let context: CliContext | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    context = withContext();
    return await command.run(context, values, positionals);
  } catch (error) {
    return reportError(error, command, err, context);
  } finally {
    await context?.close?.();
  }
}

function reportError(thrown: unknown, command: Command, err: NodeJS.WritableStream, context: CliContext | undefined): number {
  const error = context ? context.explainError(thrown) : thrown;
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    err.write(`paperboy ${command.name}: ${(error as Error).message}\nUsage: ${command.usage}\n`);
    return EXIT.usage;
  }
  if (isAppError(error)) {
    err.write(`paperboy ${command.name}: ${error.message}\n`);
    context?.log.debug({ err: error }, 'command failed');
    return error.kind === 'invalid' || error.kind === 'not_found' ? EXIT.usage : EXIT.failed;
  }
  err.write(`paperboy ${command.name}: unexpected error: ${(error as Error)?.message ?? error} (details in the log)\n`);
  context?.log.error({ err: error }, 'command failed');
  return EXIT.failed;
}
