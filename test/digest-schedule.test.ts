// When digests go out, as the scheduled job sends them: each reader at their
// hour in their time zone, across both daylight-saving changes in two zones,
// on arXiv's announcement days; after downtime, one digest for what was missed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, recipientOf, type TestSmtpServer } from './smtp-server.ts';
import { createDigestHub, digestRows, type DigestHub } from './digest-helpers.ts';
import { instantOf, isDigestDay } from '../src/domain/digest-schedule.ts';
import { shiftDay } from '../src/domain/days.ts';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

const STEP_MS = 10 * 60_000;
const READERS = [
  { email: 'ny7@example.org', timeZone: 'America/New_York', hour: 7 },
  { email: 'ny1@example.org', timeZone: 'America/New_York', hour: 1 },
  { email: 'berlin7@example.org', timeZone: 'Europe/Berlin', hour: 7 },
  { email: 'berlin2@example.org', timeZone: 'Europe/Berlin', hour: 2 },
];

/** Runs the digest job every ten minutes from `from` to `to`, as the scheduler would. */
async function runJobEveryTenMinutes(hub: DigestHub, from: string, to: string): Promise<void> {
  for (hub.clock.now = Date.parse(from); hub.clock.now < Date.parse(to); hub.clock.now += STEP_MS) await hub.services.digest.runDue();
}

function localDaysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = shiftDay(day, 1)!) days.push(day);
  return days;
}

describe('the digest schedule', () => {
  it.each([
    ['spring', '2026-03-05T00:00:00Z', '2026-04-01T00:00:00Z', '2026-03-06', '2026-03-30'],
    ['autumn', '2026-10-22T00:00:00Z', '2026-11-05T00:00:00Z', '2026-10-23', '2026-11-03'],
  ])('sends each reader one digest per announcement day at their hour, across the %s change', async (_season, from, to, first, last) => {
    const hub = await createDigestHub({ SMTP_URL: smtp.url }, { now: from, corpus: false });
    const ids = new Map<number, (typeof READERS)[number]>();
    for (const reader of READERS)
      ids.set(await hub.addReader(reader.email, { timeZone: reader.timeZone, hour: reader.hour, trending: 'off', quiet: 'skip' }), reader);
    await runJobEveryTenMinutes(hub, from, to);
    const rows = await digestRows(hub.db);
    for (const [id, reader] of ids) {
      const mine = rows.filter((row) => row.accountId === id && row.edition >= first && row.edition <= last);
      const expected = localDaysBetween(first, last).filter((day) => isDigestDay({ frequency: 'daily', weekday: 1, ...reader }, day));
      expect(expected.length).toBeGreaterThanOrEqual(8);
      expect(
        mine.map((row) => row.edition),
        reader.email,
      ).toEqual(expected);
      for (const row of mine) {
        const dueAt = instantOf(row.edition, reader.hour, reader.timeZone);
        const startedAt = Date.parse(row.createdAt);
        expect(startedAt - dueAt, `${reader.email} ${row.edition}`).toBeGreaterThanOrEqual(0);
        expect(startedAt - dueAt, `${reader.email} ${row.edition}`).toBeLessThan(STEP_MS);
      }
    }
    await hub.close();
  });

  it('handles the hour that does not exist and the hour that happens twice', async () => {
    const hub = await createDigestHub({ SMTP_URL: smtp.url }, { now: '2026-03-07T00:00:00Z', corpus: false });
    const nyTwo = await hub.addReader('ny2@example.org', { timeZone: 'America/New_York', hour: 2, trending: 'off' });
    const berlin2 = await hub.addReader('berlin2@example.org', { timeZone: 'Europe/Berlin', hour: 2, trending: 'off' });
    await runJobEveryTenMinutes(hub, '2026-03-07T00:00:00Z', '2026-03-09T00:00:00Z');
    // New York has no 02:00 on 8 March: the digest comes as the clocks jump, 03:00 EDT.
    const created = async (id: number, edition: string) =>
      (await digestRows(hub.db)).find((row) => row.accountId === id && row.edition === edition)?.createdAt;
    expect(await created(nyTwo, '2026-03-08')).toBe('2026-03-08T07:00:00.000Z');
    await runJobEveryTenMinutes(hub, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z');
    // Berlin has 02:00 twice on 25 October: the digest comes the first time, once.
    expect(await created(berlin2, '2026-10-25')).toBe('2026-10-25T00:00:00.000Z');
    expect((await digestRows(hub.db)).filter((row) => row.accountId === berlin2 && row.edition === '2026-10-25')).toHaveLength(1);
    await hub.close();
  });

  it('after downtime sends one digest covering what was missed, not one per missed day', async () => {
    const hub = await createDigestHub({ SMTP_URL: smtp.url }, { now: '2026-08-17T12:00:00Z' });
    const id = await hub.addReader('away@example.org', { trending: 'off', maxPapers: 50 }, [{ kind: 'category', value: 'cs.SD' }]);
    await hub.services.digest.runDue();
    hub.clock.now = Date.parse('2026-08-20T12:00:00Z');
    await hub.services.digest.runDue();
    await hub.services.digest.runDue();
    expect((await digestRows(hub.db)).map((row) => [row.accountId, row.edition, row.status])).toEqual([
      [id, '2026-08-17', 'sent'],
      [id, '2026-08-20', 'sent'],
    ]);
    const mails = smtp.messages.filter((mail) => recipientOf(mail) === 'away@example.org');
    // The second covers the 18th to the 20th: every cs.SD paper of those days not in the first.
    const papers = (text: string | undefined) => [...(text ?? '').matchAll(/papers\/(2608\.1\d+)/g)].map((match) => match[1]);
    expect(papers(mails[0]!.text)).toHaveLength(3);
    expect(papers(mails[1]!.text)).toHaveLength(9);
    await hub.close();
  });
});
