// Lint rules: the recommended JavaScript and TypeScript sets, nothing custom.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
        ['window', 'document', 'navigator', 'location', 'history', 'fetch', 'URLSearchParams', 'AbortController', 'HTMLElement', 'setTimeout', 'clearTimeout'].map(
          (name) => [name, 'readonly'],
        ),
      ),
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
