// The README is the front door: it must name every config key with its
// default, every CLI verb and every file format.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../src/config.ts';
import { COMMANDS } from '../src/cli/index.ts';
import { FILE_FORMATS } from '../src/sources/files.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it.each(CONFIG_KEYS.map((spec) => [spec.key, spec.default]))('documents %s with its default', (key, value) => {
    expect(readme).toContain(`| \`${key}\` | ${value ? `\`${value}\`` : '(empty)'} |`);
  });

  it.each(COMMANDS.map((command) => command.name))('documents the %s verb', (verb) => {
    expect(readme).toMatch(new RegExp(`\\| \`${verb}[ \`]`));
  });

  it.each([...FILE_FORMATS])('documents the %s file format', (format) => {
    expect(readme).toContain(`| \`${format}\` |`);
  });

  it('gives the two quick-start commands', async () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
