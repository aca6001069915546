// Relevance test collections from the shared data: documents, queries and
// judgments, in one shape for every benchmark.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA, requireData } from './report.ts';

export interface Doc {
  id: string;
  title: string;
  text: string;
  authors: string[];
}

export interface Collection {
  name: string;
  docs: Doc[];
  queries: { id: string; text: string }[];
  /** query id → relevant doc id → gain */
  qrels: Map<string, Map<string, number>>;
}

function addJudgment(qrels: Collection['qrels'], query: string, doc: string, gain: number): void {
  if (!qrels.has(query)) qrels.set(query, new Map());
  qrels.get(query)!.set(doc, gain);
}

/** BEIR SciFact; split "test" to report, "train" to tune on. */
export function loadSciFact(split: 'test' | 'train'): Collection {
  const dir = requireData(join(SHARED_DATA, 'beir-scifact'), 'BEIR SciFact');
  const lines = (file: string) => readFileSync(join(dir, file), 'utf8').trim().split('\n');
  const docs = lines('corpus.jsonl').map((line) => {
    const doc = JSON.parse(line) as { _id: string; title: string; text: string };
    return { id: doc._id, title: doc.title, text: doc.text, authors: [] };
  });
  const qrels: Collection['qrels'] = new Map();
  for (const line of lines(`qrels/${split}.tsv`).slice(1)) {
    const [query, doc, score] = line.split('\t');
    addJudgment(qrels, query!, doc!, Number(score));
  }
  const queries = lines('queries.jsonl')
    .map((line) => JSON.parse(line) as { _id: string; text: string })
    .filter((query) => qrels.has(query._id))
    .map((query) => ({ id: query._id, text: query.text }));
  return { name: `scifact-${split}`, docs, queries, qrels };
}

/** SMART format: ".I n" starts a record, ".X" starts field X. */
function parseSmart(text: string): Map<string, Record<string, string>> {
  const records = new Map<string, Record<string, string>>();
  let current: Record<string, string> = {};
  let field = '';
  for (const line of text.split('\n')) {
    const start = /^\.I\s+(\d+)/.exec(line);
    if (start) {
      current = {};
      records.set(start[1]!, current);
      field = '';
    } else if (/^\.[A-Z]$/.test(line)) field = line[1]!;
    else if (field) current[field] = `${current[field] ?? ''}${line}\n`;
  }
  return records;
}

/** The CACM collection: titles, abstracts where present, authors; 52 judged queries. */
export function loadCacm(): Collection {
  const dir = requireData(join(SHARED_DATA, 'classic-ir-cacm'), 'the CACM collection');
  const docs = [...parseSmart(readFileSync(join(dir, 'cacm.all'), 'latin1'))].map(([id, fields]) => ({
    id,
    title: (fields.T ?? '').trim(),
    text: (fields.W ?? '').trim(),
    authors: (fields.A ?? '').trim().split('\n').filter(Boolean),
  }));
  const qrels: Collection['qrels'] = new Map();
  for (const line of readFileSync(join(dir, 'qrels.text'), 'utf8').trim().split('\n')) {
    const [query, doc] = line.trim().split(/\s+/);
    addJudgment(qrels, String(Number(query)), doc!, 1);
  }
  const queries = [...parseSmart(readFileSync(join(dir, 'query.text'), 'latin1'))]
    .filter(([id]) => qrels.has(id))
    .map(([id, fields]) => ({ id, text: (fields.W ?? '').trim() }));
  return { name: 'cacm', docs, queries, qrels };
}
