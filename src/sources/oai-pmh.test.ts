import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OaiError, parseOaiPage } from './oai-pmh.ts';
import { fixturePath, readFixture } from '../../test/helpers.ts';
import { normalizePaper } from '../domain/paper.ts';

function firstPaper(xml: string) {
  const item = parseOaiPage(xml).items[0]!;
  if ('error' in item) throw new Error(item.error);
  return normalizePaper(item.paper);
}

describe('parseOaiPage', () => {
  it('reads a full oai_dc page of 897 records', async () => {
    const xml = gunzipSync(readFileSync(fixturePath('oai-pmh/ListRecords_oai_dc_from-2014-12-24_until-2014-12-25.xml.gz'))).toString(
      'utf8',
    );
    const page = parseOaiPage(xml);
    expect(page.items).toHaveLength(897);
    expect(page.items.filter((item) => 'error' in item)).toEqual([]);
    expect(page.resumptionToken).toBeNull();
    expect(firstPaper(xml)).toMatchObject({
      id: '0709.2184',
      title: 'Irrationality measure and lower bounds for pi(x)',
      authors: ['David Burt', 'Sam Donow', 'Steven J. Miller', 'Matthew Schiffman', 'Ben Wieland'],
      publishedAt: '2007-09-13T00:00:00.000Z',
      updatedAt: '2014-12-22T00:00:00.000Z',
    });
  });

  it('reads arXivRaw with versions and the resumption token', async () => {
    const page = parseOaiPage(readFixture('oai-pmh/ListRecordsResponse.xml'));
    expect(page.resumptionToken).toBe('726959|1001');
    expect(page.completeListSize).toBe(58011);
    expect(page.items).toHaveLength(6);
    const paper = firstPaper(readFixture('oai-pmh/ListRecordsResponse.xml'));
    expect(paper).toMatchObject({
      id: '0704.0471',
      version: 1,
      authors: ['D.V. Shetty', 'S.J. Yennello', 'G.A. Souliotis'],
      categories: ['nucl-ex', 'nucl-th'],
      title: 'Density dependence of the symmetry energy and the nuclear equation of state: A Dynamical and Statistical model perspective',
      doi: '10.1103/PhysRevC.76.024606',
      publishedAt: '2007-04-03T22:04:11.000Z',
    });
    const withVersions = parseOaiPage(readFixture('oai-pmh/ListRecordsResponse.xml')).items[1]!;
    expect('paper' in withVersions && withVersions.paper.version).toBe(4);
  });

  it('reads the arXiv format with structured authors and license', async () => {
    expect(firstPaper(readFixture('oai-pmh/ListRecords_1_200.xml'))).toMatchObject({
      id: '1412.8544',
      authors: ['Sander Uijlen', 'Bas Westerbaan'],
      categories: ['cs.DM'],
      license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
      publishedAt: '2014-12-29T00:00:00.000Z',
    });
  });

  it('reads GetRecord answers', async () => {
    expect(firstPaper(readFixture('oai-pmh/GetRecordResponse.xml')).id).toBe('1302.2146');
  });

  it('treats noRecordsMatch as an empty, finished list', async () => {
    expect(parseOaiPage(readFixture('oai-pmh/ErrorResponseNoRecordsMatch.xml'))).toMatchObject({ items: [], resumptionToken: null });
  });

  it.each([
    ['ErrorResponseBadArgument.xml', 'badArgument'],
    ['ErrorResponseBadResumptionToken.xml', 'badResumptionToken'],
    ['ErrorResponseBadVerb.xml', 'badVerb'],
    ['ErrorResponseIdDoesNotExist.xml', 'idDoesNotExist'],
  ])('turns %s into an OaiError with its code', (file, code) => {
    let caught: unknown;
    try {
      parseOaiPage(readFixture(`oai-pmh/${file}`));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OaiError);
    expect((caught as OaiError).code).toBe(code);
    expect((caught as OaiError).message).toMatch(new RegExp(`^OAI-PMH error ${code}: .+`));
  });

  it('refuses truncated XML and HTML error pages', async () => {
    const xml = readFixture('oai-pmh/ListRecordsResponse.xml');
    expect(() => parseOaiPage(xml.slice(0, 5000))).toThrow(/OAI-PMH response is not well-formed XML/);
    expect(() => parseOaiPage(readFixture('oai-pmh/ListRecords_0_503.html'))).toThrow(/no <OAI-PMH> element/);
  });
});
