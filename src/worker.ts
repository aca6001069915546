// Starts a TypeScript module in a worker thread, through the loader entry.
import { Worker, type ResourceLimits } from 'node:worker_threads';

const BOOT_URL = new URL('./worker-boot.mjs', import.meta.url);

/** `entry` is the module's URL; `data` reaches it as workerData.data. */
export function startWorker(entry: URL, data: unknown, resourceLimits?: ResourceLimits): Worker {
  return new Worker(BOOT_URL, { workerData: { entry: entry.href, data }, resourceLimits });
}
