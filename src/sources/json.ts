// Small readers for loosely typed JSON from upstream: a wrong type is a clear
// error, a missing value is null.
export function asRecord(value: unknown): Record<string, unknown> {
  if (value == null || typeof value !== 'object' || Array.isArray(value)) throw new Error('record is not a JSON object');
  return value as Record<string, unknown>;
}

export function asString(value: unknown): string | null {
  if (value == null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new Error(`expected text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
}

export function asNumber(value: unknown): number | null {
  if (value == null || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

export function asStringList(value: unknown): string[] {
  if (value == null) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) throw new Error('expected a list of text');
  return value.map((item) => asString(item) ?? '');
}
