// A loopback server speaking the OpenAI embeddings protocol, standing in for
// an embedding model service. Its "model" maps words to concepts (so that
// "automobile" and "car" land together) and hashes concepts into 64
// dimensions: enough meaning to test that vectors find what keywords miss.
import type { ServerResponse } from 'node:http';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

const CONCEPTS: Record<string, string> = {
  automobile: 'car',
  automobiles: 'car',
  vehicle: 'car',
  cars: 'car',
  crash: 'accident',
  collision: 'accident',
};
export const DIMENSIONS = 64;

export function conceptVector(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    const concept = CONCEPTS[word] ?? word;
    let hash = 0;
    for (const char of concept) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    vector[hash % DIMENSIONS]! += 1;
  }
  return vector;
}

export interface EmbeddingsServer extends ReplayServer {
  bodies: { model: string; input: string[]; authorization?: string }[];
  /** Answer every request with this HTTP status and error instead. */
  failWith: number | null;
}

export async function startEmbeddingsServer(): Promise<EmbeddingsServer> {
  const bodies: EmbeddingsServer['bodies'] = [];
  const state = { failWith: null as number | null };
  const server = await startReplayServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const body = JSON.parse(raw) as { model: string; input: string[] };
      bodies.push({ ...body, authorization: request.headers.authorization });
      if (state.failWith) return sendJson(response, state.failWith, { error: { message: 'model is loading' } });
      // Answers out of order, as the protocol allows: clients must use "index".
      const data = body.input.map((text, index) => ({ object: 'embedding', index, embedding: conceptVector(text) })).reverse();
      sendJson(response, 200, { object: 'list', model: body.model, data });
    });
  });
  return Object.defineProperties(server, {
    bodies: { value: bodies },
    failWith: { get: () => state.failWith, set: (value: number | null) => (state.failWith = value) },
  }) as EmbeddingsServer;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
