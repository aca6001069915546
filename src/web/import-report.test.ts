import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readReportParam, reportParam } from './import-report.ts';

describe('an import report in an address', () => {
  it('reads back what was written, its long lists cut to their first ids and counted', async () => {
    const ids = Array.from({ length: 45 }, (_, i) => `2601.${String(i).padStart(5, '0')}`);
    const read = readReportParam(reportParam({ added: ids, already: [], notHere: ['2999.00001'], unreadable: ['<svg>'] }))!;
    expect(read.lists.added).toEqual({ count: 45, shown: ids.slice(0, 30) });
    expect(read.lists.already).toEqual({ count: 0, shown: [] });
    expect(read.lists.notHere).toEqual({ count: 1, shown: ['2999.00001'] });
    expect(read.lists.unreadable).toEqual({ count: 1, shown: ['<svg>'] });
  });

  it('is no report when the address holds anything else', async () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((json) => Buffer.from(json).toString('base64url')),
        ),
        (param) => {
          const read = readReportParam(param);
          if (read) for (const list of Object.values(read.lists)) expect(list.shown.every((id) => typeof id === 'string')).toBe(true);
        },
      ),
    );
    expect(readReportParam('x'.repeat(30_000))).toBeNull();
    expect(readReportParam(Buffer.from('{"added":[-1]}').toString('base64url'))).toBeNull();
  });
});
