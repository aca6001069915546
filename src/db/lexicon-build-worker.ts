// Worker thread that builds the ranking index's next segment: it reads the
// papers waiting through its own read-only connection and tokenises them, so
// that neither the reading nor the tokenising holds up ingest or requests.
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { buildSegment, PENDING_PAPERS_SQL, type PendingPaper, type PendingSegment } from './lexicon-segment.ts';

export interface BuildRequest {
  dbPath: string;
  limit: number;
}

let open: { path: string; pending: Database.Statement } | null = null;

function readPending(request: BuildRequest): PendingPaper[] {
  if (open?.path !== request.dbPath) {
    const db = new Database(request.dbPath, { readonly: true });
    db.pragma('busy_timeout = 5000');
    open = { path: request.dbPath, pending: db.prepare(PENDING_PAPERS_SQL) };
  }
  return open.pending.all(request.limit) as PendingPaper[];
}

parentPort!.on('message', (request: BuildRequest) => {
  const papers = readPending(request);
  const segment: PendingSegment = { papers: papers.map(({ seq, version }) => ({ seq, version })), built: buildSegment(papers) };
  parentPort!.postMessage(segment, [segment.built.postings.buffer as ArrayBuffer, segment.built.ends.buffer as ArrayBuffer]);
});
