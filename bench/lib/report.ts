// Shared by benchmarks: where the shared data is, machine facts, summary
// statistics, and writing bench/results/NAME.json.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

export const SHARED_DATA = process.env.PAPERBOY_SHARED_DATA ?? fileURLToPath(new URL('../../../shared/data', import.meta.url));

export function requireData(path: string, what: string): string {
  if (!existsSync(path)) {
    console.error(`benchmark data not found: ${path}\n(${what}; set PAPERBOY_SHARED_DATA to the shared data folder)`);
    process.exit(2);
  }
  return path;
}

/** The code a run measures is the code it started with: git is asked when the benchmark loads, not when it reports. */
const CODE = codeState();

function codeState(): { commit: string; uncommittedChanges: boolean } {
  const git = (command: string) =>
    execSync(command, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  try {
    return {
      commit: git('git rev-parse --short HEAD'),
      // Code not yet committed: the figures are not the commit's.
      uncommittedChanges:
        git("git status --porcelain --untracked-files=no -- src bench ':!bench/results' package.json package-lock.json") !== '',
    };
  } catch {
    return { commit: 'unknown', uncommittedChanges: false }; // not a git checkout
  }
}

export function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    ...CODE,
    at: new Date().toISOString(),
  };
}

export function spread(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { min: sorted[0]!, median: at(0.5), max: sorted[sorted.length - 1]! };
}

export function writeResult(name: string, result: object): string {
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = `${dir}${name}.json`;
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

export function printTable(rows: Record<string, string | number>[]): void {
  const columns = Object.keys(rows[0] ?? {});
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((column) => String(row[column]))));
}
