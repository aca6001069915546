// A small least-recently-used cache for search results, in the manner of a
// search engine's query result cache: an entry serves while the database has
// not changed (its generation is the same) and it is younger than maxAgeMs.
// Results a passing failure made incomplete are not kept (`keep` says which).
// Requests for the same entry while it is being computed wait for that one
// computation instead of each starting its own (a popular query on a cold
// cache would otherwise be computed once per waiting request).

export interface ResultCache<T> {
  get(key: string, compute: () => Promise<T>): Promise<T>;
}

export interface ResultCacheOptions<T> {
  capacity: number;
  maxAgeMs: number;
  generation: () => Promise<string>;
  keep?: (value: T) => boolean;
  now?: () => number;
}

interface Entry<T> {
  value: T;
  generation: string;
  storedAt: number;
}

export function createResultCache<T>(options: ResultCacheOptions<T>): ResultCache<T> {
  const entries = new Map<string, Entry<T>>();
  const computing = new Map<string, Promise<T>>();
  const now = options.now ?? Date.now;

  function lookup(key: string, generation: string): Entry<T> | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    if (entry.generation !== generation || now() - entry.storedAt > options.maxAgeMs) return undefined;
    entries.set(key, entry);
    return entry;
  }

  function store(key: string, value: T, generation: string): T {
    if (options.capacity === 0 || options.keep?.(value) === false) return value;
    entries.set(key, { value, generation, storedAt: now() });
    if (entries.size > options.capacity) entries.delete(entries.keys().next().value!);
    return value;
  }

  /** One computation per entry at a time; with capacity 0 nothing is kept or shared. */
  function computeOnce(key: string, generation: string, compute: () => Promise<T>): Promise<T> {
    if (options.capacity === 0) return compute();
    const slot = JSON.stringify([generation, key]);
    let running = computing.get(slot);
    if (!running) {
      running = compute()
        .then((value) => store(key, value, generation))
        .finally(() => computing.delete(slot));
      computing.set(slot, running);
    }
    return running;
  }

  return {
    async get(key, compute) {
      const generation = await options.generation();
      const hit = lookup(key, generation);
      return hit ? hit.value : computeOnce(key, generation, compute);
    },
  };
}
