// Downloads a sentence-transformer model from the Hugging Face hub (or a
// mirror) into the models folder, where the transformers embedder finds it.
// The only place paperboy fetches model files, and only when asked to.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError, describeError } from '../errors.ts';
import { isModelFolder, MODEL_FILES, POOLING_FILE } from './model-files.ts';

export interface PullOptions {
  model: string;
  modelsDir: string;
  hubUrl: string;
  userAgent: string;
  /** Called as each file finishes downloading. */
  onFile?: (file: string) => void;
}

/** Returns the folder the model is now in. */
export async function pullModel(options: PullOptions): Promise<string> {
  const folder = join(resolve(options.modelsDir), options.model);
  const { env, pipeline } = await import('@huggingface/transformers');
  Object.assign(env, {
    allowRemoteModels: true,
    allowLocalModels: false,
    useFSCache: true,
    cacheDir: resolve(options.modelsDir),
    remoteHost: `${options.hubUrl.replace(/\/+$/, '')}/`,
  });
  try {
    const extractor = await pipeline('feature-extraction', options.model, {
      dtype: 'fp32',
      progress_callback: (event: { status: string; file?: string }) => {
        if (event.status === 'done' && event.file) options.onFile?.(event.file);
      },
    });
    await extractor.dispose();
    await fetchPoolingConfig(options, folder);
  } catch (error) {
    throw new AppError(
      'unavailable',
      `could not download ${options.model} from ${options.hubUrl}: ${describeError(error)}. ` +
        `On a machine without access to it, copy the model's folder (${MODEL_FILES.join(', ')}) here and set EMBEDDINGS_MODEL to that folder`,
      { cause: error },
    );
  }
  if (!isModelFolder(folder))
    throw new AppError('unavailable', `${options.model} downloaded, but ${folder} lacks one of ${MODEL_FILES.join(', ')}`);
  return folder;
}

/** The sentence-transformers pooling file, when the repository has one (the pipeline does not fetch it). */
async function fetchPoolingConfig(options: PullOptions, folder: string): Promise<void> {
  const url = `${options.hubUrl.replace(/\/+$/, '')}/${options.model}/resolve/main/${POOLING_FILE}`;
  const response = await fetch(url, { headers: { 'user-agent': options.userAgent } });
  if (!response.ok) return;
  const target = join(folder, POOLING_FILE);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, await response.text());
  options.onFile?.(POOLING_FILE);
}
