// The dependency rule of docs/ARCHITECTURE.md and the formatter are enforced by
// `npm run lint`: an import against the rule or unformatted code fails it.
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

// The files linted here exist only in memory, outside the TypeScript project: the rules that need
// the project's types are left to `npm run lint`, which checks the real files.
const eslint = new ESLint({
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
    },
  },
});

/** The rules broken by `code` placed at `path` (relative to the project). */
async function brokenRules(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

describe('the dependency rule', () => {
  it('refuses imports against the layering', async () => {
    const against = [
      ['src/web/routes/x.ts', "export type { Db } from '../../db/open.ts';"],
      ['src/cli/commands/x.ts', "export { createPaperStore } from '../../db/papers-store.ts';"],
      ['src/papers/x.ts', "export type { Search } from '../search/search.ts';"],
      ['src/text-index/x.ts', "export type { Db } from '../db/open.ts';"],
      ['src/db/x.ts', "export type { Search } from '../search/search.ts';"],
      ['src/domain/x.ts', "export type { Services } from '../services.ts';"],
      ['src/search/x.ts', "export { createApp } from '../web/app.ts';"],
    ] as const;
    for (const [path, code] of against) expect(await brokenRules(path, `${code}\n`), path).toContain('boundaries/dependencies');
  });

  it('lets each layer use the ones below it', async () => {
    const allowed = [
      ['src/web/routes/x.ts', "export type { Papers } from '../../papers/papers.ts';"],
      ['src/search/x.ts', "export { createSearchStore } from '../db/search-store.ts';"],
      ['src/db/x.ts', "export { createIndexReader } from '../text-index/reader.ts';"],
      ['src/digest/x.ts', "export type { Search } from '../search/search.ts';"],
    ] as const;
    for (const [path, code] of allowed) expect(await brokenRules(path, `${code}\n`), path).toEqual([]);
  });
});

describe('the formatter', () => {
  it('finds unformatted code, and the code base formatted', async () => {
    const options = (await prettier.resolveConfig('src/main.ts'))!;
    expect(options.printWidth).toBe(140);
    expect(await prettier.check('const a = {b:1}\n', { ...options, filepath: 'src/x.ts' })).toBe(false);
    expect(await prettier.check('const a = { b: 1 };\n', { ...options, filepath: 'src/x.ts' })).toBe(true);
  });
});
