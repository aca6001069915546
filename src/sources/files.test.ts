import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLines } from './files.ts';
import { tempDir } from '../../test/helpers.ts';

async function linesOf(path: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLines(path)) lines.push(line);
  return lines;
}

/** Lines as a reader of the text would split it: at LF, a CR before it dropped, no empty last line. */
function expectedLines(text: string): string[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

describe('reading a file line by line', () => {
  it('gives every line whole, over read chunks, in plain and gzip files, with any characters', async () => {
    const dir = tempDir();
    // Lines of up to 3 MB cross the 1 MB chunks; characters of 1 to 4 bytes in UTF-8 fall across them too.
    const line = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.tuple(fc.constantFrom('a', 'é', '漢', '😀'), fc.integer({ min: 1, max: 1_000_000 })).map(([char, times]) => char.repeat(times)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.boolean(), fc.boolean(), async (lines, crlf, endsWithNewline) => {
        const text = lines.join(crlf ? '\r\n' : '\n') + (endsWithNewline && lines.length ? '\n' : '');
        const plain = join(dir, 'lines.txt');
        writeFileSync(plain, text);
        const zipped = join(dir, 'lines.txt.gz');
        writeFileSync(zipped, gzipSync(text));
        expect(await linesOf(plain)).toEqual(expectedLines(text));
        expect(await linesOf(zipped)).toEqual(expectedLines(text));
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a line over 64 MB: not a file of papers', async () => {
    const path = join(tempDir(), 'one-line.json');
    writeFileSync(path, Buffer.alloc(65 * 2 ** 20, 'x'));
    await expect(linesOf(path)).rejects.toThrow(/a line is over 64 MB long: not a file of papers/);
  });
});
