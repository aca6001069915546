import { describe, expect, it } from 'vitest';
import { createTestServices, fixturePath } from '../../test/helpers.ts';
import { createPapersVersion } from './data-generation.ts';

describe('papers version', () => {
  it('moves when an import adds papers, which are all indexed, and not when the same file adds nothing', async () => {
    const { services, db } = await createTestServices();
    const version = createPapersVersion(db);
    const empty = await version();
    await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
    const added = await version();
    expect(added).not.toBe(empty);
    expect(await db.value('SELECT count(*) FROM lexicon_papers WHERE length > 0')).toBe(await db.value('SELECT count(*) FROM papers'));
    await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
    expect(await version()).toBe(added);
    expect(await db.value('SELECT count(*) FROM lexicon_pending')).toBe(0);
  });
});
