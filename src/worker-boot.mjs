// Entry of every worker thread: registers the TypeScript loader (with the
// project's tsconfig), then runs the module named in workerData.entry (its own
// data is in workerData.data).
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import(workerData.entry);
