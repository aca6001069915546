// The scheduled jobs of a hub and how often each runs.
import type { Services } from '../services.ts';
import type { Job } from './scheduler.ts';
import { TRENDING_EVERY_MS } from '../trending/trending.ts';

/** How often the digest job looks for readers whose hour has come (and digests to retry). */
export const DIGEST_EVERY_MS = 60_000;

export function hubJobs(services: Services): Job[] {
  const fillEveryMs = services.config.arxivFillEveryMinutes * 60_000;
  return [
    ...(fillEveryMs
      ? [{ name: 'arxiv-fill', everyMs: fillEveryMs, leaseMs: 60 * 60_000, run: () => services.ingest.fillFromArxiv() }]
      : []),
    { name: 'trending', everyMs: TRENDING_EVERY_MS, leaseMs: 10 * 60_000, run: () => services.trending.computeTrending() },
    {
      name: 'digests',
      everyMs: DIGEST_EVERY_MS,
      leaseMs: 30 * 60_000,
      async run() {
        const forgotten = await services.accounts.forgetExpiredLinks();
        if (!services.digest.delivers) return { forgotten, digests: 'off (no SMTP_URL)' };
        return { forgotten, ...(await services.digest.runDue()) };
      },
    },
  ];
}
