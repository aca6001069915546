// Reciprocal rank fusion (Cormack et al., 2009): each list adds 1 / (k + rank)
// for every item it ranks, so items high in several lists rise to the top. It
// needs no score calibration between keyword and vector search.
export const RRF_K = 60;

export function fuseRanks<T>(lists: T[][], k = RRF_K): T[] {
  const scores = new Map<T, number>();
  for (const list of lists) list.forEach((item, rank) => scores.set(item, (scores.get(item) ?? 0) + 1 / (k + rank + 1)));
  return [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([item]) => item);
}
