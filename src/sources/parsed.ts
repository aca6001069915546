// What parsers yield: a raw paper with its location, or a located reason why a
// record could not be read. Ingest decides what to do with each.
import type { RawPaper } from '../domain/paper.ts';

/** `record`: a hash of the record as read (a line of a file), by which an import tells a record it applied before. */
export type ParsedItem = { paper: RawPaper; at: string; record?: string } | { error: string; at: string };

export function parsedError(at: string, error: unknown): ParsedItem {
  return { at, error: error instanceof Error ? error.message : String(error) };
}

/** Splits "A, B, and C" or "A and B" into names, ignoring commas inside (affiliations). */
export function splitAuthorList(text: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text.replace(/\s+/g, ' ')) {
    if (char === '(') depth++;
    if (char === ')') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else current += char;
  }
  names.push(current);
  return names
    .flatMap((name) => name.split(/\s+and\s+/))
    .map((name) =>
      name
        .replace(/\([^)]*\)/g, '')
        .replace(/^\s*and\s+/, '')
        .trim(),
    )
    .filter(Boolean);
}
