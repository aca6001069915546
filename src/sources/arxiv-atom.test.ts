import { describe, expect, it } from 'vitest';
import { parseArxivAtom } from './arxiv-atom.ts';
import { readFixture } from '../../test/helpers.ts';
import { normalizePaper, type RawPaper } from '../domain/paper.ts';

function papers(name: string): RawPaper[] {
  return parseArxivAtom(readFixture(`arxiv-api/${name}`)).items.map((item) => {
    if ('error' in item) throw new Error(item.error);
    return item.paper;
  });
}

describe('parseArxivAtom (2026 output)', () => {
  it('reads a search page with its paging numbers', async () => {
    const page = parseArxivAtom(readFixture('arxiv-api/q_testing_s0_m10.xml'));
    expect(page).toMatchObject({ totalResults: 214881, startIndex: 0, itemsPerPage: 10 });
    expect(page.items).toHaveLength(10);
  });

  it('reads every field of an entry', async () => {
    const paper = normalizePaper(papers('q_testing_s0_m10.xml')[0]!);
    expect(paper).toMatchObject({
      id: '2202.12139',
      version: 1,
      title: 'Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques',
      authors: ['Mohit Kumar Ahuja', 'Arnaud Gotlieb', 'Helge Spieker'],
      primaryCategory: 'cs.SE',
      categories: ['cs.SE', 'cs.LG'],
      publishedAt: '2022-02-24T15:05:19.000Z',
      doi: '10.1109/ICSTW55395.2022.00035',
      comments: 'Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022',
    });
    expect(paper.journalRef).toMatch(/^Artificial Intelligence in Software Testing @ 2022 IEEE/);
    expect(paper.abstract).toMatch(/^Deep Learning \(DL\) has revolutionized/);
  });

  it('pages on: the next page starts where the last ended', async () => {
    const next = parseArxivAtom(readFixture('arxiv-api/q_testing_s10_m10.xml'));
    expect(next.startIndex).toBe(10);
    expect(next.items).toHaveLength(10);
  });

  it('reads an id lookup with a version in the id', async () => {
    expect(normalizePaper(papers('id_2104.12255v1_s0_m100.xml')[0]!)).toMatchObject({ id: '2104.12255', version: 1 });
  });

  it('reads an empty result as no items', async () => {
    const page = parseArxivAtom(readFixture('arxiv-api/id_0000.0000_s0_m100.xml'));
    expect(page.totalResults).toBe(0);
    expect(page.items).toEqual([]);
  });

  it('turns the error feed into a clear error', async () => {
    expect(() => parseArxivAtom(readFixture('arxiv-api/id_abc_s0_m100.xml'))).toThrow('arXiv API error: incorrect id format for abc');
  });

  it('refuses truncated XML with its position', async () => {
    const xml = readFixture('arxiv-api/q_testing_s0_m10.xml');
    expect(() => parseArxivAtom(xml.slice(0, xml.length / 2))).toThrow(/arXiv API response is not well-formed XML/);
  });
});

describe('parseArxivAtom (2016 output)', () => {
  it('reads per-element namespaces, offsets in times and http links', async () => {
    const page = parseArxivAtom(readFixture('arxiv-api/legacy-2016-au_del_maestro.xml'));
    expect(page.totalResults).toBe(31);
    const paper = normalizePaper(papers('legacy-2016-au_del_maestro.xml')[0]!);
    expect(paper).toMatchObject({
      id: '1201.4869',
      version: 1,
      title: 'A Luttinger Liquid Core Inside Helium-4 Filled Nanopores',
      authors: ['Adrian Del Maestro'],
      primaryCategory: 'cond-mat.mes-hall',
      categories: ['cond-mat.mes-hall', 'cond-mat.other'],
      doi: '10.1142/S021797921244002X',
      journalRef: 'Int. J. Mod. Phys. B, 26, 1244002 (2012)',
      comments: '26 pages, 10 figures',
    });
    expect(paper.abstract).toMatch(/^As helium-4 is cooled below 2\.17 K .* fundamentally new state/);
  });
});
