// Where a sentence-transformer model's files are on this machine: a folder
// named directly, the models folder that "paperboy models pull" fills, or the
// Hugging Face hub cache. Also what its pooling and query instruction are.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppError } from '../errors.ts';

/** The files a model folder must hold for transformers.js. */
export const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];
/** Read when present: how sentence-transformers pools the token vectors. */
export const POOLING_FILE = '1_Pooling/config.json';

export type Pooling = 'mean' | 'cls';

/** The absolute folder holding the model's files, or a clear error saying how to get them. */
export function locateModel(model: string, places: { modelsDir: string; hubCache: string }): string {
  const asFolder = resolve(model);
  const inModelsDir = join(resolve(places.modelsDir), model);
  const candidates = [...new Set([asFolder, inModelsDir, hubCacheSnapshot(model, places.hubCache)])].filter(
    (candidate): candidate is string => candidate !== null,
  );
  const found = candidates.find(isModelFolder);
  if (found) return found;
  throw new AppError(
    'unavailable',
    `embedding model ${model} is not on this machine (looked in ${candidates.join(', ')}). ` +
      `Run "paperboy models pull" where huggingface.co can be reached, or set EMBEDDINGS_MODEL to a folder holding ${MODEL_FILES.join(', ')}`,
  );
}

export function isModelFolder(dir: string): boolean {
  return MODEL_FILES.every((file) => existsSync(join(dir, file)));
}

/** The snapshot the hub cache's main ref points to (HUB_CACHE/models--org--name/snapshots/REV). */
function hubCacheSnapshot(model: string, hubCache: string): string | null {
  if (!/^[\w.-]+\/[\w.-]+$/.test(model)) return null;
  const repo = join(hubCache.replace(/^~(?=\/|$)/, homedir()), `models--${model.replace('/', '--')}`);
  const ref = join(repo, 'refs', 'main');
  if (existsSync(ref)) return join(repo, 'snapshots', readFileSync(ref, 'utf8').trim());
  const snapshots = join(repo, 'snapshots');
  const [first] = existsSync(snapshots) ? readdirSync(snapshots) : [];
  return first ? join(snapshots, first) : null;
}

/** Pooling from the model's sentence-transformers config; BGE models pool [CLS], most others the mean. */
export function poolingOf(dir: string, model: string): Pooling {
  const file = join(dir, POOLING_FILE);
  if (existsSync(file)) {
    const config = JSON.parse(readFileSync(file, 'utf8')) as { pooling_mode_cls_token?: boolean };
    return config.pooling_mode_cls_token ? 'cls' : 'mean';
  }
  return /bge-/i.test(model) ? 'cls' : 'mean';
}

/** What some models want in front of a search query (BGE v1.5's retrieval instruction); none for the rest. */
export function queryInstruction(model: string): string {
  return /bge-(small|base|large)-en-v1\.5/i.test(model) ? 'Represent this sentence for searching relevant passages: ' : '';
}
