// A polite HTTP client for upstream APIs: one request at a time with a least
// interval between requests, a timeout, retries with exponential backoff, and
// Retry-After honoured on 429 and 503.
import { AppError } from '../errors.ts';

export interface HttpClientOptions {
  userAgent: string;
  timeoutMs: number;
  retries: number;
  minIntervalMs: number;
  backoffMs?: number;
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  onRetry?: (info: { url: string; attempt: number; waitMs: number; reason: string }) => void;
}

export interface HttpResponse {
  status: number;
  body: string;
  headers: Headers;
}

export interface RequestInit {
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

export interface HttpClient {
  getText(url: string): Promise<HttpResponse>;
  /** POSTs a JSON body; the answer is returned whatever its status, like getText. */
  postJson(url: string, body: unknown, headers?: Record<string, string>): Promise<HttpResponse>;
}

class RetryableFailure extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const backoffMs = options.backoffMs ?? 2_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 10 * 60_000;
  let nextAllowedAt = 0;
  let queue: Promise<unknown> = Promise.resolve();

  async function attempt(url: string, init: RequestInit): Promise<HttpResponse> {
    const wait = nextAllowedAt - now();
    if (wait > 0) await sleep(wait);
    try {
      const headers = { 'user-agent': options.userAgent, ...init.headers };
      const response = await fetch(url, {
        method: init.method ?? 'GET',
        body: init.body,
        headers,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const body = await response.text();
      if (response.status === 429 || response.status >= 500) {
        throw new RetryableFailure(`HTTP ${response.status}`, parseRetryAfter(response.headers.get('retry-after'), now()));
      }
      return { status: response.status, body, headers: response.headers };
    } catch (error) {
      if (error instanceof RetryableFailure) throw error;
      throw new RetryableFailure(describeFetchError(error));
    } finally {
      nextAllowedAt = now() + options.minIntervalMs;
    }
  }

  async function sendWithRetries(url: string, init: RequestInit): Promise<HttpResponse> {
    const what = `${init.method ?? 'GET'} ${url}`;
    for (let tries = 0; ; tries++) {
      try {
        return await attempt(url, init);
      } catch (error) {
        const failure = error as RetryableFailure;
        if (tries >= options.retries) {
          throw new AppError('unavailable', `${what} failed after ${tries + 1} attempts: ${failure.message}`, { cause: error });
        }
        const waitMs = failure.retryAfterMs ?? backoffMs * 2 ** tries;
        if (waitMs > maxRetryAfterMs)
          throw new AppError('unavailable', `${what}: server asks to retry after ${Math.round(waitMs / 1000)} s, longer than we wait`);
        options.onRetry?.({ url, attempt: tries + 1, waitMs, reason: failure.message });
        await sleep(waitMs);
      }
    }
  }

  function send(url: string, init: RequestInit): Promise<HttpResponse> {
    // Requests queue up so the interval holds even when callers overlap.
    const result = queue.then(() => sendWithRetries(url, init));
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    getText: (url) => send(url, {}),
    postJson: (url, body, headers = {}) =>
      send(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }),
  };
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
