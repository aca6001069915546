// A small least-recently-used cache for search results, in the manner of a
// search engine's query result cache: an entry serves while the database has
// not changed (its generation is the same) and it is younger than maxAgeMs.
// Results a passing failure made incomplete are not kept (`keep` says which).

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

  return {
    async get(key, compute) {
      const generation = await options.generation();
      const hit = lookup(key, generation);
      return hit ? hit.value : store(key, await compute(), generation);
    },
  };
}
