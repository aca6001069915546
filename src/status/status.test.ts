// The status line atop every page while search by meaning is being built.
import { describe, expect, it } from 'vitest';
import { statusLineOf } from './status.ts';

describe('status line', () => {
  it('says search by meaning is still being built, and nothing once it is done or off', async () => {
    const status = { model: 'm', state: 'embedding' as const, lastError: null };
    expect(statusLineOf({ ...status, embedded: 40, pending: 60 })).toBe(
      'Search by meaning is still being built (40% of papers done); until then the rest are found by keyword.',
    );
    expect(statusLineOf({ ...status, embedded: 100, pending: 0 })).toBeNull();
    expect(statusLineOf(null)).toBeNull();
  });
});
