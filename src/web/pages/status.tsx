// The status page: what the hub holds and how far search by meaning has got.
import { Layout } from './layout.tsx';
import type { DigestStatus, EmbeddingStatus, HubStatus, ImportRun } from '../../status/status.ts';
import { ageInWords } from '../../domain/days.ts';

const STATE_TEXT = {
  starting: 'starting',
  embedding: 'embedding papers now',
  idle: 'up to date',
  failing: 'failing, retrying',
  stopped: 'not running in this process',
  elsewhere: 'embedding in another process',
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
        <progress max={total} value={status.embedded} aria-label="Papers with vectors" /> {status.embedded.toLocaleString('en')} of{' '}
        {total.toLocaleString('en')} papers have vectors ({percent}%). Papers without one yet are still found by keyword.
      </p>
      {status.lastError ? <p role="alert">Last error: {status.lastError}</p> : null}
    </>
  );
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

function Digest({ status }: { status: DigestStatus }) {
  const count = (n: number) => n.toLocaleString('en');
  const run = status.lastRun;
  return (
    <>
      {status.delivers ? null : <p>Digests are off: no mail server is set up (SMTP_URL).</p>}
      <p>
        Readers: {count(status.confirmed)} confirmed, {count(status.waiting)} waiting to confirm, {count(status.unsubscribed)} unsubscribed,{' '}
        {count(status.suspended)} suspended after bounces.
      </p>
      <p>
        Digests: {count(status.sent)} sent, {count(status.failed)} failed, {count(status.skipped)} skipped (nothing new),{' '}
        {count(status.pending)} pending.
      </p>
      {run ? (
        <p>
          Last run: started {run.startedAt.slice(0, 16).replace('T', ' ')} UTC for {count(run.audience)} readers
          {run.finishedAt ? `, finished ${run.finishedAt.slice(0, 16).replace('T', ' ')} UTC` : ', still sending'}: {count(run.sent)} sent,{' '}
          {count(run.failed)} failed, {count(run.skipped)} skipped, {count(run.pending)} pending.
        </p>
      ) : (
        <p>No digest has been sent yet.</p>
      )}
    </>
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
      <h2>Daily digest</h2>
      <Digest status={status.digest} />
    </Layout>
  );
}
