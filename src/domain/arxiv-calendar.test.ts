import { describe, expect, it } from 'vitest';
import { noAnnouncementReason } from './arxiv-calendar.ts';

describe('arXiv announcement calendar', () => {
  it('knows the weekend days and the US holidays arXiv skips', async () => {
    expect(noAnnouncementReason('2026-08-21')).toBe('arXiv does not announce new papers on Fridays');
    expect(noAnnouncementReason('2026-08-22')).toBe('arXiv does not announce new papers on Saturdays');
    expect(noAnnouncementReason('2026-08-23')).toBeNull();
    expect(noAnnouncementReason('2026-11-26')).toBe('arXiv makes no announcement on Thanksgiving, a US holiday');
    expect(noAnnouncementReason('2026-05-25')).toBe('arXiv makes no announcement on Memorial Day, a US holiday');
    expect(noAnnouncementReason('2026-09-07')).toBe('arXiv makes no announcement on Labor Day, a US holiday');
    expect(noAnnouncementReason('2025-12-25')).toBe('arXiv makes no announcement on Christmas Day, a US holiday');
    expect(noAnnouncementReason('2026-11-19')).toBeNull();
  });
});
