import { describe, expect, it } from 'vitest';
import { OfferedDocuments } from './offered-documents.ts';
import type { StoredText } from './source.ts';

const text = (title: string): StoredText => ({ fields: [title, null], keyValues: ['cs.LG', 0], date: '2025-01-31' });
const waiting = (seq: number, checked: unknown, version = 0) => ({ seq, version, checked });

describe('rows offered to the index', () => {
  it('gives the rows offered for every document waiting, once', () => {
    const offered = new OfferedDocuments(10);
    offered.offer(1, 'h1', text('one'));
    offered.offer(2, 'h2', text('two'));
    expect(offered.takeAll([waiting(1, 'h1'), waiting(2, 'h2')])).toEqual([text('one'), text('two')]);
    expect(offered.size).toBe(0);
    expect(offered.takeAll([waiting(1, 'h1')])).toBeNull();
    expect(offered.takeAll([])).toEqual([]);
  });

  it('gives none when one document waiting has no offer, and keeps the others', () => {
    const offered = new OfferedDocuments(10);
    offered.offer(1, 'h1', text('one'));
    expect(offered.takeAll([waiting(1, 'h1'), waiting(2, 'h2')])).toBeNull();
    expect(offered.takeAll([waiting(1, 'h1')])).toEqual([text('one')]);
  });

  it('drops an offer its row no longer holds: another check value, queued again, or deleted', () => {
    const offered = new OfferedDocuments(10);
    offered.offer(1, 'h1', text('one'));
    offered.offer(2, 'h2', text('two'));
    offered.offer(3, 'h3', text('three'));
    offered.offer(4, 'h4', text('four'));
    expect(offered.takeAll([waiting(1, 'other'), waiting(2, 'h2', 1), waiting(3, null), waiting(4, 'h4')])).toBeNull();
    expect(offered.size).toBe(1);
    expect(offered.takeAll([waiting(1, 'h1')])).toBeNull();
    expect(offered.takeAll([waiting(4, 'h4')])).toEqual([text('four')]);
  });

  it('keeps the latest offer of a row, the newest offers up to its limit, and none without a check value', () => {
    const offered = new OfferedDocuments(2);
    offered.offer(1, 'old', text('old'));
    offered.offer(1, 'new', text('new'));
    offered.offer(2, 'h2', text('two'));
    offered.offer(3, 'h3', text('three'));
    offered.offer(4, null, text('four'));
    expect(offered.size).toBe(2);
    expect(offered.takeAll([waiting(1, 'new')])).toBeNull();
    expect(offered.takeAll([waiting(2, 'h2'), waiting(3, 'h3')])).toEqual([text('two'), text('three')]);
    offered.offer(5, 'h5', text('five'));
    offered.clear();
    expect(offered.size).toBe(0);
  });
});
