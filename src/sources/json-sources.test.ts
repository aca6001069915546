import { describe, expect, it } from 'vitest';
import { parseKaggleRecord } from './kaggle.ts';
import { parseHfDaily } from './hf-daily.ts';
import { parseGenericRecord } from './generic-jsonl.ts';
import { parseListingRecord } from './arxiv-listing.ts';
import { readFixture } from '../../test/helpers.ts';
import { normalizePaper } from '../domain/paper.ts';

describe('parseKaggleRecord', () => {
  const lines = readFixture('kaggle/arxiv-metadata-oai-snapshot.head200.jsonl').trim().split('\n');

  it('reads every line of the real snapshot head', async () => {
    const papers = lines.map((line) => normalizePaper(parseKaggleRecord(JSON.parse(line))));
    expect(papers).toHaveLength(200);
    expect(papers.filter((paper) => paper.license).length).toBe(19);
  });

  it('reads versions, parsed authors with TeX accents, DOI and journal', async () => {
    expect(normalizePaper(parseKaggleRecord(JSON.parse(lines[0]!)))).toMatchObject({
      id: '0704.0001',
      version: 2,
      authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan'],
      title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
      categories: ['hep-ph'],
      publishedAt: '2007-04-02T19:18:42.000Z',
      updatedAt: '2007-07-24T20:10:27.000Z',
      doi: '10.1103/PhysRevD.76.013009',
      journalRef: 'Phys.Rev.D76:013009,2007',
    });
  });

  it('names what is wrong with a record', async () => {
    expect(() => parseKaggleRecord({ title: 'x' })).toThrow('record has no "id"');
    expect(() => parseKaggleRecord([1, 2])).toThrow('record is not a JSON object');
    expect(() => parseKaggleRecord({ id: '1', title: ['a list'] })).toThrow('expected text, got a list');
  });
});

describe('parseHfDaily', () => {
  it.each(['daily_papers_2024-03-13.json', '2024-06-03.json', '2025-10-01.json', '2026-08-21.json'])('reads every entry of %s', (file) => {
    const items = parseHfDaily(readFixture(`hf-daily/${file}`), file);
    expect(items.length).toBeGreaterThan(5);
    expect(items.filter((item) => 'error' in item)).toEqual([]);
  });

  it('keeps paper fields, upvotes, stars and links, and no account data', async () => {
    const [item] = parseHfDaily(readFixture('hf-daily/2026-08-21.json'), 'day');
    if (!item || 'error' in item) throw new Error('expected a paper');
    const paper = normalizePaper(item.paper);
    expect(paper).toMatchObject({ id: '2608.19880', title: 'EnvHarness: Awakening Static Worlds for Agent Learning' });
    expect(paper.authors[0]).toBe('Chengsong Huang');
    expect(paper.links).toContainEqual({ kind: 'code', url: 'https://github.com/google-research/envharness' });
    expect(paper.links).toContainEqual({ kind: 'project', url: 'https://envharness.com' });
    expect(paper.signals).toEqual([
      { name: 'upvotes', value: 163, observedAt: '2026-08-21T00:00:00.000Z' },
      { name: 'github_stars', value: 8, observedAt: '2026-08-21T00:00:00.000Z' },
      { name: 'comments', value: expect.any(Number), observedAt: '2026-08-21T00:00:00.000Z' },
    ]);
    expect(JSON.stringify(item.paper)).not.toMatch(/account-\d+/);
  });

  it('refuses what is not a daily papers list', async () => {
    expect(() => parseHfDaily('{"error":"Invalid date"}', 'answer')).toThrow('answer is not a daily papers list (expected a JSON array)');
    expect(() => parseHfDaily('[{"paper": ', 'answer')).toThrow(/answer is not valid JSON/);
  });

  it('skips an entry without a paper id, keeping the others', async () => {
    const items = parseHfDaily('[{"paper": {"title": "x"}}, {"paper": {"id": "2401.00001", "title": "ok"}}]', 'day');
    expect(items[0]).toEqual({ at: 'day[0]', error: 'entry has no paper.id' });
    expect(items[1]).toMatchObject({ paper: { sourceId: '2401.00001' } });
  });
});

describe('parseGenericRecord', () => {
  const lines = readFixture('jsonl/internal-reports.jsonl')
    .trim()
    .split('\n')
    .map((line) => normalizePaper(parseGenericRecord(JSON.parse(line))));

  it('scopes private ids, joins arXiv ids, and reads links', async () => {
    expect(lines.map((paper) => paper.id)).toEqual(['jsonl:TR-2026-001', 'jsonl:TR-2026-002', '2401.00001']);
    expect(lines[0]!.links).toEqual([
      { kind: 'abs', url: 'https://reports.example.com/TR-2026-001' },
      { kind: 'code', url: 'https://github.com/acme/doc-search-eval' },
      { kind: 'pdf', url: 'https://reports.example.com/TR-2026-001.pdf' },
      { kind: 'code', url: 'https://gitlab.com/acme/doc-search' },
    ]);
  });

  it('accepts authors as a list or as one string', async () => {
    expect(lines[1]!.authors).toEqual(['Grace Hopper', 'Edsger W. Dijkstra']);
  });

  it('refuses an unknown link kind', async () => {
    expect(() => parseGenericRecord({ id: 'x', title: 't', links: [{ url: 'https://a.org', kind: 'video' }] })).toThrow(
      /link kind "video" is not one of/,
    );
  });
});

describe('parseListingRecord', () => {
  it('dates a crawl line by its listing day, else by its arXiv id month', async () => {
    const line = { id: '2606.30776', categories: ['cs.GT'], authors: ['A B'], title: 'T', comment: null, summary: 'S', abs: 'x', pdf: 'y' };
    expect(normalizePaper(parseListingRecord(line)).publishedAt).toBe('2026-06-01T00:00:00.000Z');
    expect(normalizePaper(parseListingRecord({ ...line, published: '2026-06-29T00:00:00Z' })).publishedAt).toBe('2026-06-29T00:00:00.000Z');
  });
});
