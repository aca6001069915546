// A local HTTP server on loopback that stands in for arXiv and Hugging Face in
// tests, answering with captured real responses, throttling answers and
// connections dropped mid-body.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFixture } from './helpers.ts';

export type Reply = (request: IncomingMessage & { url: string }, response: ServerResponse) => void;

export interface ReplayServer {
  url: string;
  requests: { url: string; userAgent: string | undefined; at: number }[];
  close(): Promise<void>;
}

export async function startReplayServer(reply: Reply): Promise<ReplayServer> {
  const requests: ReplayServer['requests'] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', userAgent: request.headers['user-agent'], at: Date.now() });
    reply(request as IncomingMessage & { url: string }, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function sendFixture(response: ServerResponse, name: string, status = 200, headers: Record<string, string> = {}): void {
  const body = readFixture(name);
  response.writeHead(status, { 'content-type': name.endsWith('.json') ? 'application/json' : 'application/xml', ...headers });
  response.end(body);
}

/** The real 503 arXiv sends when it wants a harvester to slow down. */
export function sendThrottle(response: ServerResponse, seconds = 10): void {
  sendFixture(response, 'oai-pmh/ListRecords_0_503.html', 503, { 'retry-after': String(seconds), 'content-type': 'text/html' });
}

/** Announces the whole body, sends half of it, then drops the connection. */
export function dropMidBody(response: ServerResponse, name: string): void {
  const body = Buffer.from(readFixture(name));
  response.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(body.length) });
  response.write(body.subarray(0, body.length >> 1), () => response.socket?.destroy());
}
