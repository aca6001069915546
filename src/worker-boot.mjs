// Entry of every worker thread: registers the TypeScript loader, then runs the
// module named in workerData.entry (its own data is in workerData.data).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
