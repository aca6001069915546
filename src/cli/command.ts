// What a CLI verb is, and what it gets to work with.
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Services } from '../services.ts';
import { isDay } from '../domain/days.ts';

export interface CliContext {
  config: Config;
  log: Logger;
  /** Opens the database and wires the services; commands that need no store never call it. A dry run writes nothing. */
  services(options?: { dryRun?: boolean }): Promise<Services>;
  /** A failure of the database as a plain AppError ("the disk is full"); other errors as they are. */
  explainError(error: unknown): unknown;
  /** Serves the web app until stopped, with the scheduled jobs unless `jobs` is false (main gives it: the CLI imports no web or jobs). */
  serve(services: Services, port: number, options: { jobs: boolean }): Promise<void>;
  /** Runs the scheduled jobs until SIGINT or SIGTERM, then stops the background work and closes the services. */
  runJobs(services: Services): Promise<void>;
  out: NodeJS.WritableStream;
  err: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Closes what services() opened (a PostgreSQL pool keeps the process alive until then); safe to call twice. */
  close?(): Promise<void>;
}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Options;
  /** Lines describing each option, shown by --help. */
  help: string[];
  allowPositionals?: boolean;
  /** Returns the exit code: 0 done, 1 done with skipped records. */
  run(context: CliContext, values: Values, positionals: string[]): Promise<number>;
}

export class UsageError extends Error {}

export function stringOption(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requireOption(values: Values, name: string): string {
  const value = stringOption(values, name);
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

export function dateOption(values: Values, name: string): string | undefined {
  const value = stringOption(values, name);
  if (value !== undefined && !isDay(value)) throw new UsageError(`--${name} must be a date like 2026-11-28, got ${JSON.stringify(value)}`);
  return value;
}

export function positiveIntOption(values: Values, name: string, fallback: number): number {
  const raw = stringOption(values, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} must be a whole number above 0, got ${JSON.stringify(raw)}`);
  return value;
}
