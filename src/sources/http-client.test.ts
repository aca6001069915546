import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, parseRetryAfter, type HttpClientOptions } from './http-client.ts';
import { dropMidBody, sendFixture, sendThrottle, startReplayServer, type ReplayServer } from '../../test/replay-server.ts';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client whose waits are recorded instead of slept, so tests see what it would wait. */
function recordingClient(options: Partial<HttpClientOptions> = {}) {
  const waits: number[] = [];
  const client = createHttpClient({
    userAgent: 'paperboy-test (mailto:test@example.org)',
    timeoutMs: 2000,
    retries: 3,
    minIntervalMs: 0,
    backoffMs: 100,
    sleep: async (ms) => void waits.push(ms),
    ...options,
  });
  return { client, waits };
}

describe('createHttpClient', () => {
  it('honours 503 Retry-After, then returns the answer', async () => {
    let calls = 0;
    server = await startReplayServer((_request, response) =>
      calls++ === 0 ? sendThrottle(response, 10) : sendFixture(response, 'oai-pmh/ListRecords_1_200.xml'),
    );
    const { client, waits } = recordingClient();
    const answer = await client.getText(`${server.url}/oai`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('1412.8544');
    expect(waits).toEqual([10_000]);
  });

  it('retries a connection dropped mid-body with exponential backoff', async () => {
    let calls = 0;
    server = await startReplayServer((_request, response) =>
      calls++ < 2 ? dropMidBody(response, 'oai-pmh/ListRecordsResponse.xml') : sendFixture(response, 'oai-pmh/ListRecordsResponse.xml'),
    );
    const { client, waits } = recordingClient();
    const answer = await client.getText(`${server.url}/oai`);
    expect(answer.body).toContain('726959|1001');
    expect(waits).toEqual([100, 200]);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after its retries with a clear error', async () => {
    server = await startReplayServer((_request, response) => dropMidBody(response, 'oai-pmh/ListRecordsResponse.xml'));
    const { client } = recordingClient({ retries: 2 });
    await expect(client.getText(`${server.url}/oai`)).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:\d+\/oai failed after 3 attempts/);
    expect(server.requests).toHaveLength(3);
  });

  it('times out a server that does not answer', async () => {
    server = await startReplayServer(() => undefined);
    const { client } = recordingClient({ retries: 0, timeoutMs: 200 });
    await expect(client.getText(`${server.url}/slow`)).rejects.toThrow(/failed after 1 attempts: timed out/);
  });

  it('refuses to wait longer than it is willing to', async () => {
    server = await startReplayServer((_request, response) => sendThrottle(response, 3600));
    const { client } = recordingClient({ maxRetryAfterMs: 60_000 });
    await expect(client.getText(`${server.url}/oai`)).rejects.toThrow(/retry after 3600 s, longer than we wait/);
  });

  it('sends the configured User-Agent and spaces requests by the least interval', async () => {
    server = await startReplayServer((_request, response) => sendFixture(response, 'arxiv-api/id_0000.0000_s0_m100.xml'));
    let clock = 1_000_000;
    const { client, waits } = recordingClient({ minIntervalMs: 3000, now: () => clock });
    await Promise.all([client.getText(`${server.url}/a`), client.getText(`${server.url}/b`)]);
    clock += 1000;
    await client.getText(`${server.url}/c`);
    expect(server.requests.map((request) => request.userAgent)).toEqual(Array(3).fill('paperboy-test (mailto:test@example.org)'));
    expect(server.requests.map((request) => request.url)).toEqual(['/a', '/b', '/c']);
    expect(waits).toEqual([3000, 2000]);
  });

  it('hands back a 4xx answer for the caller to read', async () => {
    server = await startReplayServer((_request, response) => sendFixture(response, 'arxiv-api/id_abc_s0_m100.xml', 400));
    const { client, waits } = recordingClient();
    const answer = await client.getText(`${server.url}/api`);
    expect(answer.status).toBe(400);
    expect(waits).toEqual([]);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', async () => {
    expect(parseRetryAfter('10', 0)).toBe(10_000);
    expect(parseRetryAfter('Thu, 21 Jun 2018 14:31:02 GMT', Date.parse('Thu, 21 Jun 2018 14:30:52 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });
});
