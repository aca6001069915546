// The scheduled jobs of a hub and how often each runs.
import type { Services } from '../services.ts';
import type { Job } from './scheduler.ts';
import { TRENDING_EVERY_MS } from '../trending/trending.ts';

export function hubJobs(services: Services): Job[] {
  const fillEveryMs = services.config.arxivFillEveryMinutes * 60_000;
  return [
    ...(fillEveryMs ? [{ name: 'arxiv-fill', everyMs: fillEveryMs, run: () => services.ingest.fillFromArxiv() }] : []),
    { name: 'trending', everyMs: TRENDING_EVERY_MS, run: () => services.trending.computeTrending() },
    { name: 'forget-expired-links', everyMs: 60 * 60_000, run: () => services.accounts.forgetExpiredLinks() },
    {
      // Every process sends: digests are claimed a few at a time, so M workers share an edition.
      name: 'digests',
      everyMs: services.config.digestCheckSeconds * 1000,
      shared: true,
      run: async () => (services.digest.delivers ? services.digest.runDue() : 'off (no SMTP_URL)'),
    },
  ];
}
