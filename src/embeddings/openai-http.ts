// Embeddings from any OpenAI-compatible /v1/embeddings endpoint (OpenAI,
// Ollama, TEI, vLLM), through the polite HTTP client.
import { AppError } from '../errors.ts';
import type { HttpClient } from '../sources/http-client.ts';
import { normalize, type Embedder } from './embedder.ts';

export interface OpenAiEmbedderOptions {
  http: HttpClient;
  /** The API base, e.g. http://localhost:11434/v1 */
  url: string;
  model: string;
  apiKey?: string;
}

interface EmbeddingsAnswer {
  data?: { index?: number; embedding?: unknown }[];
  error?: { message?: string };
}

export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const endpoint = `${options.url.replace(/\/+$/, '')}/embeddings`;
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  return {
    modelId: `openai-compatible:${options.model}`,
    async embed(texts) {
      if (!texts.length) return [];
      const response = await options.http.postJson(endpoint, { model: options.model, input: texts, encoding_format: 'float' }, headers);
      const answer = parseAnswer(response.body);
      if (response.status !== 200)
        throw new AppError(
          'unavailable',
          `${endpoint} answered HTTP ${response.status}: ${answer?.error?.message ?? response.body.slice(0, 200)}`,
        );
      return readVectors(answer, texts.length, endpoint);
    },
  };
}

function parseAnswer(body: string): EmbeddingsAnswer | null {
  try {
    return JSON.parse(body) as EmbeddingsAnswer;
  } catch {
    return null;
  }
}

function readVectors(answer: EmbeddingsAnswer | null, count: number, endpoint: string): Float32Array[] {
  const data = answer?.data;
  if (!Array.isArray(data) || data.length !== count)
    throw new AppError('unavailable', `${endpoint} did not answer with ${count} embeddings`);
  const vectors = new Array<Float32Array>(count);
  data.forEach((item, position) => {
    const values = item.embedding;
    if (!Array.isArray(values) || !values.length || !values.every((value) => typeof value === 'number' && Number.isFinite(value))) {
      throw new AppError('unavailable', `${endpoint} answered an embedding that is not a list of numbers`);
    }
    vectors[item.index ?? position] = normalize(Float32Array.from(values as number[]));
  });
  const dimensions = vectors[0]?.length;
  if (vectors.some((vector) => !vector || vector.length !== dimensions))
    throw new AppError('unavailable', `${endpoint} answered embeddings of different sizes`);
  return vectors;
}
