import { describe, expect, it } from 'vitest';
import { hashPaper, mergePaper, toStored } from './merge.ts';
import { normalizePaper, type RawPaper } from './paper.ts';

const paper = (raw: Partial<RawPaper>) =>
  normalizePaper({ source: 'arxiv-api', sourceId: '2401.00001', arxivId: '2401.00001', title: 'T', abstract: 'A', ...raw });

describe('mergePaper', () => {
  it('lets a newer version win and keeps fields it lacks', async () => {
    const v1 = toStored(paper({ version: 1, title: 'Old title', journalRef: 'J. 1 (2024)' }));
    const merged = mergePaper(v1, paper({ version: 2, title: 'New title' }));
    expect(merged.title).toBe('New title');
    expect(merged.version).toBe(2);
    expect(merged.journalRef).toBe('J. 1 (2024)');
  });

  it('never lets an older version overwrite, but fills its gaps', async () => {
    const v2 = toStored(paper({ version: 2, title: 'New title' }));
    const merged = mergePaper(v2, paper({ version: 1, title: 'Old title', doi: '10.1/x' }));
    expect(merged.title).toBe('New title');
    expect(merged.doi).toBe('10.1/x');
  });

  it('at the same version prefers arXiv over Hugging Face, and takes Hugging Face links', async () => {
    const arxiv = toStored(paper({ version: 1, title: 'arXiv title' }));
    const hf = paper({ source: 'hf-daily', title: 'HF title', links: [{ kind: 'code', url: 'https://github.com/a/b' }] });
    const merged = mergePaper(arxiv, hf);
    expect(merged.title).toBe('arXiv title');
    expect(merged.metadataSource).toBe('arxiv-api');
    expect(merged.links.map((link) => link.url)).toContain('https://github.com/a/b');
  });

  it('is idempotent: merging the same record twice changes nothing', async () => {
    const stored = toStored(paper({ version: 1 }));
    const incoming = paper({ source: 'hf-daily', links: [{ kind: 'code', url: 'https://github.com/a/b' }] });
    const once = mergePaper(stored, incoming);
    expect(hashPaper(mergePaper(once, incoming))).toBe(hashPaper(once));
  });
});
