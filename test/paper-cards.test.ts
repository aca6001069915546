// Cards are remembered until the database changes; many requests for the same
// new cards at once (readers of one new page) share one read.
import { describe, expect, it } from 'vitest';
import { createCardReader } from '../src/db/paper-cards.ts';
import type { Db } from '../src/db/open.ts';
import { createTestServices, fixturePath } from './helpers.ts';

/** `db`, counting the statements that read cards' papers. */
function counting(db: Db): { db: Db; cardReads: () => number } {
  let reads = 0;
  const counted = new Proxy(db, {
    get(target, name, receiver) {
      if (name !== 'all') return Reflect.get(target, name, receiver) as unknown;
      return (text: string, params?: unknown) => {
        if (text.includes('abstract, primary_category')) reads++;
        return target.all(text, params as never);
      };
    },
  });
  return { db: counted, cardReads: () => reads };
}

describe('paper cards', () => {
  it('reads the same new cards once for requests at once, and again after a write', async () => {
    const { services, db } = await createTestServices();
    await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
    const ids = await db.column<string>('SELECT id FROM papers ORDER BY id LIMIT 5');
    const { db: watched, cardReads } = counting(db);
    const reader = createCardReader(watched);
    const pages = await Promise.all(Array.from({ length: 8 }, () => reader.cards(ids)));
    expect(cardReads()).toBe(1);
    for (const page of pages) expect(page.map((card) => card.id)).toEqual(ids);
    expect((await reader.cards(ids.slice(0, 3))).map((card) => card.id)).toEqual(ids.slice(0, 3));
    expect(cardReads()).toBe(1);
    await db.run('UPDATE papers SET title = ? WHERE id = ?', ['A title written since', ids[0]]);
    const [first] = await Promise.all([reader.cards(ids), reader.cards(ids)]);
    expect(cardReads()).toBe(2);
    expect(first![0]!.title).toBe('A title written since');
    await services.close();
  });
});
