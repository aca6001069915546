// Ranking metrics as trec_eval computes them: nDCG@k with graded gains and
// Recall@k, averaged over the judged queries.
export function ndcgAt(k: number, ranked: string[], relevant: Map<string, number>): number {
  const dcg = ranked.slice(0, k).reduce((sum, id, index) => sum + (relevant.get(id) ?? 0) / Math.log2(index + 2), 0);
  const ideal = [...relevant.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, gain, index) => sum + gain / Math.log2(index + 2), 0);
  return ideal ? dcg / ideal : 0;
}

export function recallAt(k: number, ranked: string[], relevant: Map<string, number>): number {
  const wanted = [...relevant.entries()].filter(([, gain]) => gain > 0).map(([id]) => id);
  if (!wanted.length) return 0;
  const top = new Set(ranked.slice(0, k));
  return wanted.filter((id) => top.has(id)).length / wanted.length;
}

export function mean(values: number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

/** Latency percentiles (ms) and throughput of a list of per-query times. */
export function latencySummary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => +sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(3);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    queries: sorted.length,
    p50_ms: at(0.5),
    p95_ms: at(0.95),
    p99_ms: at(0.99),
    queries_per_s: Math.round((1000 * sorted.length) / total),
  };
}
