#!/usr/bin/env node
// The paperboy command: runs the TypeScript sources through tsx, with the
// project's tsconfig wherever it is started from (it sets up the JSX of pages).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/main.ts');
