// Entry of the file worker thread: registers the TypeScript loader, then runs file-worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./file-worker.ts');
