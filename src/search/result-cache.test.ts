import { describe, expect, it } from 'vitest';
import { createResultCache } from './result-cache.ts';

function counting() {
  let calls = 0;
  return { compute: (value: string) => () => (calls++, value), calls: () => calls };
}

describe('result cache', () => {
  it('serves an entry until the generation changes or it grows too old', () => {
    let generation = 'a';
    let time = 0;
    const cache = createResultCache<string>({ capacity: 10, maxAgeMs: 100, generation: () => generation, now: () => time });
    const counter = counting();
    expect(cache.get('q', counter.compute('one'))).toBe('one');
    expect(cache.get('q', counter.compute('two'))).toBe('one');
    generation = 'b';
    expect(cache.get('q', counter.compute('three'))).toBe('three');
    time = 101;
    expect(cache.get('q', counter.compute('four'))).toBe('four');
    expect(counter.calls()).toBe(3);
  });

  it('forgets the least recently used entry first, keeps nothing at capacity 0, and skips what keep refuses', async () => {
    const cache = createResultCache<string>({ capacity: 2, maxAgeMs: 1000, generation: () => '', keep: (value) => value !== 'partial' });
    cache.get('a', () => 'A');
    cache.get('b', () => 'B');
    cache.get('a', () => 'A again');
    cache.get('c', () => 'C');
    expect(cache.get('b', () => 'B again')).toBe('B again');
    expect(cache.get('a', () => 'A third')).toBe('A third');
    expect(await cache.getAsync('p', async () => 'partial')).toBe('partial');
    expect(await cache.getAsync('p', async () => 'whole')).toBe('whole');
    expect(await cache.getAsync('p', async () => 'later')).toBe('whole');
    const off = createResultCache<string>({ capacity: 0, maxAgeMs: 1000, generation: () => '' });
    off.get('a', () => 'A');
    expect(off.get('a', () => 'A again')).toBe('A again');
  });
});
