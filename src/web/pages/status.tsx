// The status page: what the hub holds and how far search by meaning has got.
import type { EmbeddingStatus } from '../../embeddings/background.ts';
import { Layout } from './layout.tsx';
import type { Services } from '../../services.ts';

export interface HubStatus {
  papers: number;
  embeddings: EmbeddingStatus | null;
}

const STATE_TEXT = {
  starting: 'starting',
  embedding: 'embedding papers now',
  idle: 'up to date',
  failing: 'failing, retrying',
  stopped: 'not running',
} as const;

function Embeddings({ status }: { status: EmbeddingStatus | null }) {
  if (!status) return <p>Search by meaning is off (EMBEDDINGS_PROVIDER=none): search matches keywords.</p>;
  const total = status.embedded + status.pending;
  const percent = total ? Math.floor((100 * status.embedded) / total) : 100;
  return (
    <>
      <p>
        Model <code>{status.model}</code>: {STATE_TEXT[status.state]}.
      </p>
      <p>
        <progress max={total} value={status.embedded} aria-label="Papers with vectors" /> {status.embedded.toLocaleString('en')} of {total.toLocaleString('en')} papers have
        vectors ({percent}%). Papers without one yet are still found by keyword.
      </p>
      {status.lastError ? <p role="alert">Last error: {status.lastError}</p> : null}
    </>
  );
}

/** What the status page and /api/status report. */
export function hubStatus(services: Services): HubStatus {
  return { papers: services.papers.countPapers(), embeddings: services.backgroundEmbedding?.status() ?? null };
}

export function StatusPage({ status }: { status: HubStatus }) {
  return (
    <Layout title="Status" section="status" statusLine={null}>
      <h1>Status</h1>
      <p>{status.papers.toLocaleString('en')} papers stored.</p>
      <h2>Search by meaning</h2>
      <Embeddings status={status.embeddings} />
    </Layout>
  );
}

/** One sentence for the top of every page while vectors are still being made; null once done or when off. */
export function statusLineOf(status: EmbeddingStatus | null): string | null {
  if (!status || status.pending === 0) return null;
  const percent = Math.floor((100 * status.embedded) / (status.embedded + status.pending));
  return `Search by meaning is still being built (${percent}% of papers done); until then the rest are found by keyword.`;
}
