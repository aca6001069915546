// Embeddings from a sentence-transformer ONNX model run in-process by
// transformers.js (onnxruntime on the CPU). The model loads on first use, from
// local files only: nothing is downloaded at run time ("paperboy models pull"
// does that, on purpose).
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { normalize, type Embedder } from './embedder.ts';
import { locateModel, poolingOf, queryInstruction } from './model-files.ts';

export interface TransformersEmbedderOptions {
  /** A hub model name (Xenova/bge-small-en-v1.5) or a folder. */
  model: string;
  /** Where "paperboy models pull" puts models. */
  modelsDir: string;
  /** The Hugging Face hub cache (models--org--name folders). */
  hubCache: string;
  /** CPU threads for one batch; the background embedder uses one so requests keep a core. */
  threads: number;
}

export function createTransformersEmbedder(options: TransformersEmbedderOptions): Embedder {
  let loading: Promise<{ extract: FeatureExtractionPipeline; pooling: 'mean' | 'cls' }> | null = null;
  const load = () =>
    (loading ??= loadModel(options).catch((error: unknown) => {
      loading = null;
      throw error;
    }));
  const instruction = queryInstruction(options.model);
  return {
    modelId: `transformers:${options.model}`,
    async embed(texts, purpose) {
      if (!texts.length) return [];
      const { extract, pooling } = await load();
      const inputs = purpose === 'query' ? texts.map((text) => instruction + text) : texts;
      const output = await extract(inputs, { pooling, normalize: false });
      const [count, dimensions] = output.dims as [number, number];
      const data = output.data as Float32Array;
      return Array.from({ length: count }, (_, row) => normalize(data.slice(row * dimensions, (row + 1) * dimensions)));
    },
  };
}

async function loadModel(options: TransformersEmbedderOptions) {
  const dir = locateModel(options.model, options);
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  const extract = await pipeline('feature-extraction', dir, {
    dtype: 'fp32',
    device: 'cpu',
    session_options: { intraOpNumThreads: options.threads, interOpNumThreads: 1 },
  });
  return { extract, pooling: poolingOf(dir, options.model) };
}
