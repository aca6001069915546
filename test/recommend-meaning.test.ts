// Recommendations fused with search by meaning, when an embedding model is
// configured: a loopback server speaking the OpenAI embeddings protocol maps
// "automobile" and "car", "crash" and "accident" to the same concepts, so a
// paper sharing no word with the reader's is found by meaning alone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServices, tempDir } from './helpers.ts';
import { startEmbeddingsServer, type EmbeddingsServer } from './embeddings-server.ts';
import { reasonText } from '../src/domain/recommend-reasons.ts';
import { createAccountStore } from '../src/db/accounts-store.ts';

let server: EmbeddingsServer;
beforeEach(async () => {
  server = await startEmbeddingsServer();
});
afterEach(() => server.close());

const SAVED = {
  id: '2610.00001',
  title: 'Automobile crash safety ratings',
  abstract: 'Ratings of automobiles in frontal collision tests.',
};
const BY_MEANING = '2611.00001';
const NEW = [
  { id: '2611.00001', title: 'Car accident statistics', abstract: 'Numbers of vehicle accidents per year.' },
  { id: '2611.00002', title: 'Protein folding with diffusion', abstract: 'A generative model of protein structure.' },
  { id: '2611.00003', title: 'Sparse attention for long documents', abstract: 'Transformers that read whole books.' },
];

async function hub(env: Record<string, string>) {
  const setup = await createTestServices({ SECRET_KEY: 'a-test-secret-key-of-at-least-32-chars', ...env });
  const file = join(tempDir(), 'papers.jsonl');
  const papers = [{ ...SAVED, published: '2026-10-01' }, ...NEW.map((paper) => ({ ...paper, published: '2026-11-20' }))];
  writeFileSync(file, papers.map((paper) => JSON.stringify({ ...paper, categories: ['cs.CY'] })).join('\n'));
  await setup.services.ingest.ingestFiles([file], 'jsonl');
  await setup.services.embedQueue?.drain();
  const account = await createAccountStore(setup.db).accountFor('reader@example.org', '2026-10-01T00:00:00.000Z');
  await setup.services.library.save(account.id, null, SAVED.id);
  return { ...setup, account };
}

describe('recommendations with a model configured', () => {
  it("find a paper by meaning that shares no word with the reader's, and say which paper it is like", async () => {
    const { services, account } = await hub({
      EMBEDDINGS_PROVIDER: 'openai',
      EMBEDDINGS_URL: `${server.url}/v1`,
      EMBEDDINGS_MODEL: 'concepts-64',
    });
    const ranked = await services.recommend.rank(account.id, { after: '2026-11-01', before: '2026-12-01', limit: 10 });
    expect(ranked.papers.map((paper) => paper.paperId)).toContain(BY_MEANING);
    const found = ranked.papers.find((paper) => paper.paperId === BY_MEANING)!;
    expect(found.reasons.map(reasonText)).toEqual(['like “Automobile crash safety ratings”, which you saved']);
    expect(ranked.papers.map((paper) => paper.paperId)).toEqual([BY_MEANING]);
  });

  it("without a model, do not recommend it: nothing in its words is like the reader's", async () => {
    const { services, account } = await hub({});
    const ranked = await services.recommend.rank(account.id, { after: '2026-11-01', before: '2026-12-01', limit: 10 });
    expect(ranked.papers.map((paper) => paper.paperId)).not.toContain(BY_MEANING);
  });
});
