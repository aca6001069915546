// Worker thread that builds the index's next segment: it reads the documents
// waiting through its own read-only connection and tokenises them, so that
// neither the reading nor the tokenising holds up writers or requests.
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { buildSegment, type PendingSegment } from './segment.ts';
import { pendingDocumentsSql, readPending, type TextSource } from './source.ts';

export interface BuildRequest {
  dbPath: string;
  source: TextSource;
  limit: number;
}

let open: { path: string; pending: Database.Statement } | null = null;

function pendingStatement(request: BuildRequest): Database.Statement {
  if (open?.path !== request.dbPath) {
    const db = new Database(request.dbPath, { readonly: true });
    db.pragma('busy_timeout = 5000');
    open = { path: request.dbPath, pending: db.prepare(pendingDocumentsSql(request.source)) };
  }
  return open.pending;
}

parentPort!.on('message', (request: BuildRequest) => {
  const documents = readPending(pendingStatement(request), request.limit, request.source.fields.length);
  const segment: PendingSegment = { documents: documents.map(({ seq, version }) => ({ seq, version })), built: buildSegment(documents) };
  parentPort!.postMessage(segment, [segment.built.postings.buffer as ArrayBuffer, segment.built.ends.buffer as ArrayBuffer]);
});
