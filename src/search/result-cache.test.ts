import { describe, expect, it } from 'vitest';
import { createResultCache } from './result-cache.ts';

function counting() {
  let calls = 0;
  return { compute: (value: string) => async () => (calls++, value), calls: () => calls };
}

describe('result cache', () => {
  it('serves an entry until the generation changes or it grows too old', async () => {
    let generation = 'a';
    let time = 0;
    const cache = createResultCache<string>({ capacity: 10, maxAgeMs: 100, generation: async () => generation, now: () => time });
    const counter = counting();
    expect(await cache.get('q', counter.compute('one'))).toBe('one');
    expect(await cache.get('q', counter.compute('two'))).toBe('one');
    generation = 'b';
    expect(await cache.get('q', counter.compute('three'))).toBe('three');
    time = 101;
    expect(await cache.get('q', counter.compute('four'))).toBe('four');
    expect(counter.calls()).toBe(3);
  });

  it('forgets the least recently used entry first, keeps nothing at capacity 0, and skips what keep refuses', async () => {
    const cache = createResultCache<string>({
      capacity: 2,
      maxAgeMs: 1000,
      generation: async () => '',
      keep: (value) => value !== 'partial',
    });
    await cache.get('a', async () => 'A');
    await cache.get('b', async () => 'B');
    await cache.get('a', async () => 'A again');
    await cache.get('c', async () => 'C');
    expect(await cache.get('b', async () => 'B again')).toBe('B again');
    expect(await cache.get('a', async () => 'A third')).toBe('A third');
    expect(await cache.get('p', async () => 'partial')).toBe('partial');
    expect(await cache.get('p', async () => 'whole')).toBe('whole');
    expect(await cache.get('p', async () => 'later')).toBe('whole');
    const off = createResultCache<string>({ capacity: 0, maxAgeMs: 1000, generation: async () => '' });
    await off.get('a', async () => 'A');
    expect(await off.get('a', async () => 'A again')).toBe('A again');
  });

  it('computes an entry once for every request that asks while it is being computed, and shares a failure', async () => {
    const cache = createResultCache<string>({ capacity: 10, maxAgeMs: 1000, generation: async () => '' });
    const counter = counting();
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => cache.get('q', counter.compute(`answer ${i}`))));
    expect(answers).toEqual(Array(5).fill('answer 0'));
    expect(counter.calls()).toBe(1);
    const failing = () => Promise.reject(new Error('the store failed'));
    const failures = await Promise.allSettled([cache.get('f', failing), cache.get('f', async () => 'second')]);
    expect(failures.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await cache.get('f', async () => 'after')).toBe('after');
    const off = createResultCache<string>({ capacity: 0, maxAgeMs: 1000, generation: async () => '' });
    const uncached = counting();
    await Promise.all([off.get('q', uncached.compute('a')), off.get('q', uncached.compute('b'))]);
    expect(uncached.calls()).toBe(2);
  });
});
