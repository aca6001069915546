// An import's report carried in the address the import redirects to, so that
// the collection's page is a GET (reloading it imports nothing again). Each
// list keeps its count and its first ids; a report that does not read back
// is no report.
import type { ImportReport } from '../library/library.ts';

/** Ids shown of each list; the rest are counted. */
const SHOWN = 30;
const LISTS = ['added', 'already', 'notHere', 'unreadable'] as const;

export interface ShownImportReport {
  lists: Record<(typeof LISTS)[number], { count: number; shown: string[] }>;
}

export function reportParam(report: ImportReport): string {
  const packed = Object.fromEntries(LISTS.map((name) => [name, [report[name].length, ...report[name].slice(0, SHOWN)]]));
  return Buffer.from(JSON.stringify(packed)).toString('base64url');
}

export function readReportParam(param: string | undefined): ShownImportReport | null {
  if (!param || param.length > 20_000) return null;
  try {
    const packed = JSON.parse(Buffer.from(param, 'base64url').toString('utf8')) as Record<string, unknown>;
    const lists = Object.fromEntries(LISTS.map((name) => [name, listOf(packed[name])]));
    return LISTS.every((name) => lists[name]) ? { lists: lists as ShownImportReport['lists'] } : null;
  } catch {
    return null;
  }
}

function listOf(value: unknown): { count: number; shown: string[] } | null {
  if (!Array.isArray(value) || !Number.isInteger(value[0]) || value[0] < 0) return null;
  const shown = value.slice(1, SHOWN + 1);
  return shown.every((item) => typeof item === 'string') ? { count: value[0] as number, shown: shown as string[] } : null;
}
