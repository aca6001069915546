import { describe, expect, it } from 'vitest';
import { toBibtex } from './bibtex.ts';

describe('BibTeX', () => {
  it('writes an arXiv @misc entry like arXiv does', async () => {
    const entry = toBibtex({
      id: '1706.03762',
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      publishedAt: '2017-06-12T17:57:34.000Z',
      primaryCategory: 'cs.CL',
      doi: null,
      journalRef: null,
    });
    expect(entry).toBe(
      '@misc{vaswani2017attention,\n  title = {{Attention Is All You Need}},\n  author = {Ashish Vaswani and Noam Shazeer},\n  year = {2017},\n' +
        '  eprint = {1706.03762},\n  archivePrefix = {arXiv},\n  primaryClass = {cs.CL},\n  url = {https://arxiv.org/abs/1706.03762}\n}\n',
    );
  });

  it('keeps braces balanced and escapes specials, so one odd title cannot break a .bib file', async () => {
    const entry = toBibtex({
      id: 'doi:10.1/x',
      title: 'R&D } of {50% #1',
      authors: [],
      publishedAt: null,
      primaryCategory: null,
      doi: '10.1/x',
      journalRef: null,
    });
    expect(entry).toContain('title = {{R\\&D  of {50\\% \\#1}}}');
    expect(entry).toContain('url = {https://doi.org/10.1/x}');
    expect(entry).not.toContain('author');
    const depth = [...entry].reduce((sum, char) => sum + (char === '{' ? 1 : char === '}' ? -1 : 0), 0);
    expect(depth).toBe(0);
  });
});
