// Which embedder the config asks for, as plain data a worker thread can
// receive, and the one factory that turns it into an Embedder.
import { availableParallelism } from 'node:os';
import { DEFAULT_MODELS, type Config } from '../config.ts';
import { createHttpClient } from '../sources/http-client.ts';
import type { Embedder } from './embedder.ts';
import { createOpenAiEmbedder } from './openai-http.ts';
import { createTransformersEmbedder } from './transformers.ts';

export type EmbedderSpec =
  | { provider: 'transformers'; model: string; modelsDir: string; hubCache: string; threads: number }
  | { provider: 'openai'; url: string; model: string; apiKey: string; userAgent: string; timeoutMs: number; retries: number };

/** Null when search by meaning is off. Leaves one core to the web server when there are several. */
export function embedderSpec(config: Config): EmbedderSpec | null {
  switch (config.embeddingsProvider) {
    case 'none':
      return null;
    case 'transformers':
      return {
        provider: 'transformers',
        model: config.embeddingsModel || DEFAULT_MODELS.transformers,
        modelsDir: config.modelsDir,
        hubCache: config.hfHubCache,
        threads: Math.max(1, availableParallelism() - 1),
      };
    case 'openai':
      return {
        provider: 'openai',
        url: config.embeddingsUrl,
        model: config.embeddingsModel || DEFAULT_MODELS.openai,
        apiKey: config.embeddingsApiKey,
        userAgent: config.userAgent,
        timeoutMs: config.httpTimeoutMs,
        retries: config.httpRetries,
      };
  }
}

export function createEmbedder(spec: EmbedderSpec): Embedder {
  if (spec.provider === 'transformers') return createTransformersEmbedder(spec);
  const http = createHttpClient({ userAgent: spec.userAgent, timeoutMs: spec.timeoutMs, retries: spec.retries, minIntervalMs: 0 });
  return createOpenAiEmbedder({ http, url: spec.url, model: spec.model, apiKey: spec.apiKey || undefined });
}
