// The scheduled jobs of a hub and how often each runs.
import type { Services } from '../services.ts';
import type { Job } from './scheduler.ts';
import { TRENDING_EVERY_MS } from '../trending/trending.ts';

export function hubJobs(services: Services): Job[] {
  return [{ name: 'trending', everyMs: TRENDING_EVERY_MS, leaseMs: 10 * 60_000, run: () => services.trending.computeTrending() }];
}
