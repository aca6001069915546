import { describe, expect, it } from 'vitest';
import { renderBar } from './progress.ts';

describe('renderBar', () => {
  it('draws the share done when the total is known', async () => {
    expect(renderBar({ label: 'f', records: 1500, done: 50, total: 100 }, 10)).toBe('[#####.....]  50%  1,500 records');
  });

  it('counts records when the total is unknown', async () => {
    expect(renderBar({ label: 'arXiv API', records: 20 })).toBe('20 records  arXiv API');
  });
});
