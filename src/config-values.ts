// How each config value is read from its text: one parser per kind of value,
// each refusing what it cannot read with an "invalid" error naming the key.
import { AppError } from './errors.ts';

function invalid(key: string, raw: string, expected: string): never {
  throw new AppError('invalid', `config ${key}=${JSON.stringify(raw)} is not valid: expected ${expected}`);
}

export function parsePublicUrl(raw: string, key: string): string {
  return parseUrl(raw, key).replace(/\/+$/, '');
}

export function parseEmails(raw: string): string[] {
  return raw
    .split(',')
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean);
}

export function parseText(raw: string): string {
  return raw;
}

export function parseSecretKey(raw: string, key: string): string {
  if (raw && raw.length < 32) invalid(key, '***', 'at least 32 characters (or empty, to generate one)');
  return raw;
}

export function parseDatabaseUrl(raw: string, key: string): string {
  const postgres = /^postgres(ql)?:\/\//.test(raw);
  if (!raw.startsWith('sqlite:') && !postgres) invalid(key, raw, 'sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE');
  if (postgres && !URL.canParse(raw)) invalid(key, '***', 'a PostgreSQL URL such as postgres://paperboy:secret@localhost:5432/paperboy');
  return raw;
}

/** Comma-separated PostgreSQL URLs (read replicas); empty: none. */
export function parseReplicaUrls(raw: string, key: string): string[] {
  const urls = raw
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  for (const url of urls)
    if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url))
      invalid(key, '***', 'comma-separated PostgreSQL URLs such as postgres://paperboy:secret@replica1:5432/paperboy');
  return urls;
}

export function parseUrl(raw: string, key: string): string {
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) invalid(key, raw, 'an http(s) URL');
  return raw;
}

export function parseInteger(raw: string, key: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) invalid(key, raw, `a whole number from ${min} to ${max}`);
  return value;
}

export function parsePort(raw: string, key: string): number {
  return parseInteger(raw, key, 0, 65535);
}

export function parsePositiveInt(raw: string, key: string): number {
  return parseInteger(raw, key, 1, Number.MAX_SAFE_INTEGER);
}

export function parseNonNegativeInt(raw: string, key: string): number {
  return parseInteger(raw, key, 0, Number.MAX_SAFE_INTEGER);
}

export function parseLogLevel(raw: string, key: string): string {
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(raw)) invalid(key, raw, levels.join(', '));
  return raw;
}

export function parseProvider(raw: string, key: string): 'none' | 'openai' | 'transformers' {
  if (raw !== 'none' && raw !== 'openai' && raw !== 'transformers') invalid(key, raw, 'none, transformers or openai');
  return raw;
}

/** false/0: no proxy; true: one; N: N proxies in a row, each appending the address it saw. */
export function parseProxyHops(raw: string, key: string): number {
  if (/^(true|yes|on)$/i.test(raw)) return 1;
  if (/^(false|no|off)$/i.test(raw)) return 0;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  return invalid(key, raw, 'true, false or a number of proxies');
}

export function parseBoolean(raw: string, key: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  return invalid(key, raw, 'true or false');
}
