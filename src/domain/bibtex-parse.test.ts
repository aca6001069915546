import { describe, expect, it } from 'vitest';
import { parseBibtex } from './bibtex-parse.ts';
import { toBibtex } from './bibtex.ts';

describe('reading BibTeX for import', () => {
  it('finds arXiv ids in eprint, URLs and notes, and DOIs', async () => {
    const text = `
@comment{ignored, eprint = {1111.11111}}
@misc{vaswani2017, title = {Attention Is {All} You Need}, eprint = {1706.03762v5}, archivePrefix = {arXiv}}
@article{old, title = "Strings", url = {https://arxiv.org/abs/hep-th/9901001}}
@inproceedings{noted, note = {arXiv: 2506.16500}, year = 2025}
@article{withdoi, doi = {https://doi.org/10.1145/3580305.3599256}, title = {A paper}}
@book{nothing, title = {A book}}
@misc{broken, title = {never closed`;
    expect(parseBibtex(text)).toEqual([
      { key: 'vaswani2017', arxivId: '1706.03762', doi: null },
      { key: 'old', arxivId: 'hep-th/9901001', doi: null },
      { key: 'noted', arxivId: '2506.16500', doi: null },
      { key: 'withdoi', arxivId: null, doi: '10.1145/3580305.3599256' },
      { key: 'nothing', arxivId: null, doi: null },
      { key: 'broken', arxivId: null, doi: null, problem: 'not closed: the entry on line 8 misses a closing }' },
    ]);
  });

  it('reads back what paperboy exports', async () => {
    const exported = toBibtex({
      id: '2601.00001',
      title: 'R&D {of} 50%',
      authors: ['Ada Lovelace'],
      publishedAt: '2026-01-05',
      primaryCategory: 'cs.IT',
      doi: '10.1/x',
      journalRef: null,
    });
    expect(parseBibtex(exported)).toEqual([{ key: 'lovelace2026', arxivId: '2601.00001', doi: '10.1/x' }]);
  });

  it('writes every field escaped: a category or DOI cannot add a field or end the entry', async () => {
    const exported = toBibtex({
      id: '2601.00001',
      title: 'T}, note = {x',
      authors: ['A} and {B'],
      publishedAt: '2026-01-05',
      primaryCategory: 'cs.LG}, note = {\\input{/etc/passwd}',
      doi: '10.1/x}, note = {y',
      journalRef: 'J}}',
    });
    expect([...exported.matchAll(/^ {2}(\w+) = /gm)].map((field) => field[1])).toEqual([
      'title',
      'author',
      'year',
      'eprint',
      'archivePrefix',
      'doi',
      'journal',
      'url',
    ]);
    expect(exported).not.toContain('\\input');
    expect(parseBibtex(exported)).toEqual([{ key: 'b2026note', arxivId: '2601.00001', doi: '10.1/x,note=y' }]);
  });
});
