// The status page: what the hub holds and how far search by meaning has got.
import type { EmbeddingStatus } from '../../embeddings/background.ts';
import { Layout } from './layout.tsx';
import type { Services } from '../../services.ts';
import type { ImportRun } from '../../db/import-runs.ts';
import { ageInWords } from '../../domain/days.ts';

export interface HubStatus {
  papers: number;
  lastImport: ImportRun | null;
  /** Each source's newest data, as trending last counted it. */
  trendingSources: { source: string; asOf: string }[];
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
  return {
    papers: services.papers.countPapers(),
    lastImport: services.lastImport(),
    trendingSources: services.trending.dataSources(),
    embeddings: services.backgroundEmbedding?.status() ?? null,
  };
}

function LastImport({ run }: { run: ImportRun | null }) {
  if (!run) return <p>No import has run here yet (the demo corpus is imported when the server starts on an empty database).</p>;
  const when = `${run.finishedAt.slice(0, 16).replace('T', ' ')} UTC, ${ageInWords(run.finishedAt, Date.now())}`;
  const counts = `added ${run.added}, updated ${run.updated}, unchanged ${run.unchanged}, skipped ${run.skipped}`;
  return (
    <p>
      Last import: {run.source}, {when}: {counts}.{run.failure ? <strong> It stopped early: {run.failure}.</strong> : null}
    </p>
  );
}

export function StatusPage({ status }: { status: HubStatus }) {
  return (
    <Layout title="Status" section="status" statusLine={null}>
      <h1>Status</h1>
      <p>{status.papers.toLocaleString('en')} papers stored.</p>
      <LastImport run={status.lastImport} />
      <h2>Trending data</h2>
      {status.trendingSources.length ? (
        <ul>
          {status.trendingSources.map(({ source, asOf }) => (
            <li>
              {source}: newest data {asOf.slice(0, 10)} ({ageInWords(asOf, Date.now())})
            </li>
          ))}
        </ul>
      ) : (
        <p>No votes, upvotes or stars recorded yet.</p>
      )}
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
