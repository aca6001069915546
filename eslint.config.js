// Lint rules: the recommended JavaScript and TypeScript sets, and the
// dependency rule of docs/ARCHITECTURE.md ("Layers"), enforced on every import in src/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';

/**
 * Each room of src/ and what it is; a file belongs to the first pattern it matches. Every
 * other folder of src/ is a feature (ingest, search, trending, library, accounts, ...).
 */
const ELEMENTS = [
  { type: 'main', pattern: 'src/main.ts', mode: 'full' },
  { type: 'web', pattern: ['src/web/**', 'src/server.ts'], mode: 'full' },
  { type: 'cli', pattern: 'src/cli/**', partialMatch: false },
  { type: 'jobs', pattern: 'src/jobs/**', partialMatch: false },
  { type: 'services', pattern: 'src/services.ts', mode: 'full' },
  { type: 'embeddings', pattern: 'src/embeddings/**', partialMatch: false },
  { type: 'db', pattern: 'src/db/**', partialMatch: false },
  { type: 'sources', pattern: 'src/sources/**', partialMatch: false },
  { type: 'mail', pattern: 'src/mail/**', partialMatch: false },
  { type: 'engine', pattern: 'src/text-index/**', partialMatch: false },
  { type: 'domain', pattern: 'src/domain/**', partialMatch: false },
  {
    type: 'base',
    pattern: ['src/config.ts', 'src/config-values.ts', 'src/errors.ts', 'src/log.ts', 'src/worker.ts', 'src/worker-boot.mjs'],
    mode: 'full',
  },
  { type: 'feature', pattern: 'src/*/**', partialMatch: false, capture: ['name'] },
];

const allow = (from, to) => ({ from: { element: { type: from } }, allow: { to: { element: { types: { anyOf: to } } } } });
const BELOW_FEATURES = ['embeddings', 'db', 'sources', 'mail', 'engine', 'domain', 'base'];

/** Who may import whom: downwards only; front ends reach features, never stores. */
const POLICIES = [
  allow('main', ['web', 'cli', 'jobs', 'services', 'db', 'domain', 'base']),
  allow('web', ['web', 'services', 'feature', 'domain', 'base']),
  allow('cli', ['cli', 'services', 'feature', 'domain', 'base']),
  allow('jobs', ['jobs', 'services', 'feature', 'domain', 'base']),
  allow('services', ['feature', ...BELOW_FEATURES]),
  // A feature uses its own files and what lies below; features never import each other
  // (but the digest will read search, trending and recommend).
  {
    from: { element: { type: 'feature' } },
    allow: { to: { element: { type: 'feature', captured: { name: '{{ from.captured.name }}' } } } },
  },
  {
    from: { element: { type: 'feature', captured: { name: 'digest' } } },
    allow: { to: { element: { type: 'feature', captured: { name: '@(search|trending|recommend)' } } } },
  },
  allow('feature', BELOW_FEATURES),
  allow('embeddings', ['embeddings', 'db', 'sources', 'domain', 'base']),
  allow('db', ['db', 'engine', 'domain', 'base']),
  allow('sources', ['sources', 'domain', 'base']),
  allow('mail', ['mail', 'domain', 'base']),
  allow('engine', ['engine', 'domain', 'base']),
  allow('domain', ['domain', 'base']),
  allow('base', ['base']),
];

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'bench/results', 'tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The plain JavaScript entry points run on Node: its globals (URL, process) are defined.
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { URL: 'readonly', process: 'readonly', console: 'readonly' } } },
  // The page script runs in the browser.
  {
    files: ['src/web/static/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'navigator',
          'location',
          'history',
          'fetch',
          'URLSearchParams',
          'AbortController',
          'HTMLElement',
          'HTMLFormElement',
          'FormData',
          'setTimeout',
          'clearTimeout',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Prettier wraps code at 140 columns; comments and long strings are kept under it here.
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  // Stores answer asynchronously: a promise left unawaited would lose a write's error, or its order.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx', 'src/**/*.mjs'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: POLICIES }],
      'boundaries/no-unknown-files': 'error',
    },
  },
);
