import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestServices, fixturePath, tempDir } from '../../test/helpers.ts';
import { createListings } from './listings.ts';

describe('listings', () => {
  it('returns cards in the order asked, skipping unknown ids, with the latest signal values', async () => {
    const { services, db } = await createTestServices();
    await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
    await db.run(
      "INSERT INTO paper_signals (paper_id, source, name, observed_at, value) VALUES ('2608.19880', 'hf-daily', 'upvotes', '2026-08-22T00:00:00.000Z', 170)",
    );
    await db.run(
      "INSERT INTO paper_signals (paper_id, source, name, observed_at, value) VALUES ('2608.19880', 'hf-daily', 'upvotes', '2020-01-01T00:00:00.000Z', 1)",
    );
    const cards = await services.papers.cards(['2608.20335', 'nope', '2608.19880']);
    expect(cards.map((card) => [card.id, card.upvotes, card.stars])).toEqual([
      ['2608.20335', 38, 20],
      ['2608.19880', 170, 8],
    ]);
    expect(cards[1]!.codeUrl).toMatch(/^https:\/\/github\.com\//);
  });

  it('lists a day most upvoted first and finds the days around it', async () => {
    const { services, db } = await createTestServices();
    const listings = createListings(db);
    await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
    const ids = await listings.dayPaperIds('2026-08-20', 3, 0);
    expect(ids).toEqual(['2608.19880', '2608.20335', '2608.19799']);
    expect((await listings.dayPaperIds('2026-08-20', 3, 3))[0]).toBe('2608.20336');
    expect(await listings.dayBefore('2026-08-20')).toBe('2026-08-19');
    expect(await listings.dayAfter('2026-08-14')).toBe('2026-08-18');
    expect(await listings.latestDayAtOrBefore('2026-12-01')).toBe('2026-08-20');
  });

  it('lists an undated paper on the day it was first seen', async () => {
    const { services, db } = await createTestServices();
    const listings = createListings(db);
    const file = join(tempDir(), 'undated.jsonl');
    writeFileSync(file, JSON.stringify({ id: 'memo-1', title: 'An undated memo' }));
    await services.ingest.ingestFiles([file], 'jsonl');
    const today = new Date().toISOString().slice(0, 10);
    expect(await listings.dayPaperIds(today, 10, 0)).toEqual(['jsonl:memo-1']);
    expect(await listings.countDay(today)).toBe(1);
  });
});
