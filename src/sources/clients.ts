// Fetch clients for the live upstreams: build the request URL, get it through
// the polite HTTP client, parse the answer.
import { AppError } from '../errors.ts';
import type { HttpClient } from './http-client.ts';
import { parseArxivAtom, type AtomPage } from './arxiv-atom.ts';
import { parseOaiPage, type OaiFormat, type OaiPage } from './oai-pmh.ts';
import { parseHfDaily } from './hf-daily.ts';
import type { ParsedItem } from './parsed.ts';

export async function fetchArxivApiPage(
  http: HttpClient,
  baseUrl: string,
  query: string,
  start: number,
  pageSize: number,
): Promise<AtomPage> {
  const url = withParams(baseUrl, {
    search_query: query,
    start: String(start),
    max_results: String(pageSize),
    sortBy: 'submittedDate',
    sortOrder: 'descending',
  });
  const response = await http.getText(url);
  // A bad query comes back as HTTP 400 with an Atom error feed: parse it for its message.
  if (response.status !== 200 && !response.body.includes('<feed'))
    throw new AppError('unavailable', `arXiv API answered HTTP ${response.status}`);
  return parseArxivAtom(response.body);
}

/** The arXiv API's records of the given ids, in one request (arXiv asks for at most a few hundred per call). */
export async function fetchArxivApiIds(http: HttpClient, baseUrl: string, ids: string[]): Promise<AtomPage> {
  const url = withParams(baseUrl, { id_list: ids.join(','), max_results: String(ids.length) });
  const response = await http.getText(url);
  if (response.status !== 200 && !response.body.includes('<feed'))
    throw new AppError('unavailable', `arXiv API answered HTTP ${response.status}`);
  return parseArxivAtom(response.body);
}

export interface OaiRequest {
  metadataPrefix: OaiFormat;
  from?: string;
  until?: string;
  set?: string;
  resumptionToken?: string;
}

export async function fetchOaiPage(http: HttpClient, baseUrl: string, request: OaiRequest): Promise<OaiPage> {
  // A resumption token replaces every other argument (OAI-PMH 2.0, 3.5).
  const params: Record<string, string | undefined> = request.resumptionToken
    ? { verb: 'ListRecords', resumptionToken: request.resumptionToken }
    : { verb: 'ListRecords', metadataPrefix: request.metadataPrefix, from: request.from, until: request.until, set: request.set };
  const response = await http.getText(withParams(baseUrl, params));
  if (response.status !== 200 && !response.body.includes('<OAI-PMH'))
    throw new AppError('unavailable', `OAI-PMH server answered HTTP ${response.status}`);
  return parseOaiPage(response.body);
}

export async function fetchHfDaily(http: HttpClient, baseUrl: string, date: string): Promise<ParsedItem[]> {
  const url = withParams(baseUrl, { date });
  const response = await http.getText(url);
  if (response.status !== 200) throw new AppError('unavailable', `Hugging Face answered HTTP ${response.status} for ${date}`);
  return parseHfDaily(response.body, `daily papers ${date}`);
}

function withParams(baseUrl: string, params: Record<string, string | undefined>): string {
  const url = new URL(baseUrl);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}
