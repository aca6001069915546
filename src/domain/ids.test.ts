import { describe, expect, it } from 'vitest';
import { arxivIdMonth, canonicalId, parseArxivId } from './ids.ts';

describe('parseArxivId', () => {
  it.each([
    ['2401.00001', { id: '2401.00001', version: null }],
    ['2401.00001v3', { id: '2401.00001', version: 3 }],
    ['arXiv:0704.0001v2', { id: '0704.0001', version: 2 }],
    ['http://arxiv.org/abs/2202.12139v1', { id: '2202.12139', version: 1 }],
    ['https://arxiv.org/pdf/2202.12139.pdf', { id: '2202.12139', version: null }],
    ['oai:arXiv.org:hep-th/9504118', { id: 'hep-th/9504118', version: null }],
    ['quant-ph/0201082v1', { id: 'quant-ph/0201082', version: 1 }],
    ['math.GT/0309136', { id: 'math.GT/0309136', version: null }],
    ['https://huggingface.co/papers/2506.16500', { id: '2506.16500', version: null }],
    ['huggingface.co/papers/2506.16500#community', { id: '2506.16500', version: null }],
    ['https://hf.co/papers/2506.16500/', { id: '2506.16500', version: null }],
    ['https://arxiv.org/abs/2506.16500v2?context=cs', { id: '2506.16500', version: 2 }],
  ])('%s', (text, expected) => {
    expect(parseArxivId(text)).toEqual(expected);
  });

  it('rejects what is not an arXiv id', async () => {
    for (const text of ['abc', '0000', '10.1103/PhysRevD.76.013009', '']) expect(parseArxivId(text)).toBeNull();
  });
});

describe('canonicalId', () => {
  it('prefers the arXiv id, then the DOI, then a source-scoped id', async () => {
    expect(canonicalId({ arxivId: '2401.00001', doi: '10.1/X', source: 'jsonl', sourceId: 'r1' })).toBe('2401.00001');
    expect(canonicalId({ arxivId: null, doi: '10.1/AbC', source: 'jsonl', sourceId: 'r1' })).toBe('doi:10.1/abc');
    expect(canonicalId({ arxivId: null, doi: null, source: 'jsonl', sourceId: 'r1' })).toBe('jsonl:r1');
  });

  it('dates new-style ids by their month', async () => {
    expect(arxivIdMonth('2503.01234')).toBe('2025-03-01T00:00:00.000Z');
    expect(arxivIdMonth('hep-th/9504118')).toBeNull();
  });
});
