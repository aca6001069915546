import { describe, expect, it } from 'vitest';
import { InvalidPaper, normalizePaper, type RawPaper } from './paper.ts';

const base: RawPaper = { source: 'jsonl', sourceId: 'r1', title: 'A title', abstract: 'An abstract.' };

describe('normalizePaper', () => {
  it('gives an arXiv paper its canonical id, version and abs/pdf links', async () => {
    const paper = normalizePaper({ ...base, source: 'arxiv-api', arxivId: 'http://arxiv.org/abs/2401.00001v2', doi: '10.1/x 10.1/y' });
    expect(paper.id).toBe('2401.00001');
    expect(paper.version).toBe(2);
    expect(paper.doi).toBe('10.1/x');
    expect(paper.links).toEqual([
      { kind: 'abs', url: 'https://arxiv.org/abs/2401.00001' },
      { kind: 'pdf', url: 'https://arxiv.org/pdf/2401.00001' },
      { kind: 'doi', url: 'https://doi.org/10.1/x' },
    ]);
  });

  it('finds code links in the abstract and comments', async () => {
    const paper = normalizePaper({ ...base, abstract: 'See github.com/a/b.', comments: 'Project: https://b.dev/.' });
    expect(paper.links.filter((link) => link.kind === 'code' || link.kind === 'project')).toEqual([
      { kind: 'code', url: 'https://github.com/a/b' },
      { kind: 'project', url: 'https://b.dev' },
    ]);
  });

  it('refuses a paper without a title, naming the reason', async () => {
    expect(() => normalizePaper({ ...base, title: '  <b></b> ' })).toThrow(new InvalidPaper('paper has no title'));
  });

  it('refuses a 10 MB abstract with its size in the message', async () => {
    expect(() => normalizePaper({ ...base, abstract: 'x'.repeat(10 * 2 ** 20) })).toThrow(
      /abstract is 10,485,760 characters \(limit 100,000\)/,
    );
  });

  it('reads ISO, RFC 2822 and bare dates as UTC and refuses garbage', async () => {
    expect(normalizePaper({ ...base, publishedAt: 'Mon, 2 Apr 2007 19:18:42 GMT' }).publishedAt).toBe('2007-04-02T19:18:42.000Z');
    expect(normalizePaper({ ...base, publishedAt: '2016-10-09T00:00:00-04:00' }).publishedAt).toBe('2016-10-09T04:00:00.000Z');
    expect(normalizePaper({ ...base, publishedAt: '2014-12-22' }).publishedAt).toBe('2014-12-22T00:00:00.000Z');
    expect(() => normalizePaper({ ...base, publishedAt: 'last Tuesday' })).toThrow(/published time "last Tuesday" is not a date/);
  });

  it('cleans HTML and LaTeX in every field and drops empty authors', async () => {
    const paper = normalizePaper({
      ...base,
      title: '<i>On</i> Schr\\"odinger &amp; <b>co</b>',
      authors: ["C. Bal\\'azs", '', null, ' <span>A.</span> B. '],
    });
    expect(paper.title).toBe('On Schrödinger & co');
    expect(paper.authors).toEqual(['C. Balázs', 'A. B.']);
  });

  it('puts the primary category first among the categories', async () => {
    const paper = normalizePaper({ ...base, primaryCategory: 'cs.CL', categories: ['cs.LG', 'cs.CL', 'cs.LG'] });
    expect(paper.categories).toEqual(['cs.LG', 'cs.CL']);
    expect(normalizePaper({ ...base, primaryCategory: 'cs.IR', categories: ['cs.LG'] }).categories).toEqual(['cs.IR', 'cs.LG']);
  });

  it('leaves out categories not in the form of arXiv and malformed DOIs, saying so', async () => {
    const dropped: string[] = [];
    const paper = normalizePaper(
      {
        ...base,
        primaryCategory: 'cs.LG}, note = {\\input{/etc/passwd}',
        categories: ['cs.LG', 'Machine Learning', 'cond-mat.stat-mech', 'physics.atom-ph'],
        doi: '10.1/x}, note={y',
      },
      dropped,
    );
    expect(paper.categories).toEqual(['cs.LG', 'cond-mat.stat-mech', 'physics.atom-ph']);
    expect(paper.primaryCategory).toBe('cs.LG');
    expect(paper.doi).toBeNull();
    expect(dropped).toEqual([
      'DOI "10.1/x}," is not a DOI like 10.1145/3580305.3599256; left out',
      'category "Machine Learning" is not an arXiv category like cs.LG; left out',
      'category "cs.LG}, note = {\\\\input{/etc/passwd}" is not an arXiv category like cs.LG; left out',
    ]);
    expect(normalizePaper({ ...base, doi: 'doi: 10.1002/(SICI)1097-4636(199707)36:1<1::AID-JBM1>3.0.CO;2-B' }).doi).toBe(
      '10.1002/(SICI)1097-4636(199707)36:1<1::AID-JBM1>3.0.CO;2-B',
    );
    expect(normalizePaper({ ...base, doi: 'https://doi.org/10.1145/3580305.3599256' }).doi).toBe('10.1145/3580305.3599256');
  });
});
