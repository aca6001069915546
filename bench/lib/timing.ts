// Timing a benchmark's queries: the same warm-up for every engine (every
// fourth query once), then rounds of every query, each timed alone.
export interface TimedQuery {
  kind: string;
}

/**
 * Latencies in ms by kind over `rounds` rounds; after `budgetS` seconds of timed queries a slow
 * engine stops, once every query has been timed at least once.
 */
export async function timeQueries<Query extends TimedQuery>(
  queries: Query[],
  search: (query: Query) => unknown,
  { rounds, budgetS }: { rounds: number; budgetS: number },
): Promise<Record<string, number[]>> {
  for (const query of queries.filter((_query, index) => index % 4 === 0)) await search(query);
  const latencies: Record<string, number[]> = {};
  const timedFrom = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      if (round > 0 && performance.now() - timedFrom > budgetS * 1000) break;
      const start = performance.now();
      await search(query);
      (latencies[query.kind] ??= []).push(performance.now() - start);
    }
  }
  return latencies;
}
