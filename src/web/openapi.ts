// The OpenAPI 3.1 description of /api, served at /api/openapi.json. A test
// compares it with the routes the app really has.
import { string, ref, ok, strings, nullableString, nullableNumber, query, idParameter, limit, cursor, list } from './openapi-parts.ts';
import { LIBRARY_PATHS } from './openapi-library.ts';
import { RECOMMEND_PATHS } from './openapi-recommend.ts';

/** What every paper in a list has; a single paper has these and more. */
const PAPER_FIELDS = {
  id: string,
  title: string,
  authors: strings,
  abstract: string,
  primaryCategory: nullableString,
  categories: strings,
  publishedAt: nullableString,
  codeUrl: nullableString,
  stars: nullableNumber,
  upvotes: { ...nullableNumber, description: 'Upvotes on Hugging Face, when known' },
  votes: { type: 'integer', description: "Votes of this hub's readers (pages show votes + upvotes as one count)" },
  comments: { ...nullableNumber, description: 'Comments on Hugging Face, when known' },
  url: { type: 'string', description: 'The paper page on this hub' },
};

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'paperboy API',
    version: '1',
    description: 'Search, trending and daily papers of a paperboy hub. Read-only; CORS is open for GET.',
  },
  paths: {
    '/api/papers': {
      get: {
        summary: 'Search papers',
        parameters: [
          query('q', 'Query: words, "phrases", -excluded, author:"Name", cat:cs.LG, year:2025, has:code, or an arXiv id'),
          query('cat', 'Categories, comma-separated (cs.CL,cs.SD)'),
          query('code', '1: only papers with a code link', { type: 'string', enum: ['0', '1'] }),
          query('after', 'Published on or after this day (YYYY-MM-DD)', { type: 'string', format: 'date' }),
          query('before', 'Published before this day (YYYY-MM-DD)', { type: 'string', format: 'date' }),
          query('sort', 'relevance (default), newest, or trending (the best 500 matches, trending this week first)', {
            type: 'string',
            enum: ['relevance', 'newest', 'trending'],
          }),
          limit,
          cursor,
        ],
        responses: ok(
          'Matching papers, best first',
          list(
            {
              nextCursor: nullableString,
              previousCursor: { ...nullableString, description: 'the page before, when it is not the first' },
              matched: {
                type: ['object', 'null'],
                description: 'how many papers match, counted up to 100 ("more" when there are more)',
                properties: { count: { type: 'integer' }, more: { type: 'boolean' } },
              },
              notes: strings,
            },
            ['nextCursor', 'previousCursor', 'matched', 'notes'],
            'ScoredPaper',
          ),
        ),
      },
    },
    '/api/papers/{id}': { get: { summary: 'One paper', parameters: [idParameter], responses: ok('The paper', ref('PaperDetail')) } },
    '/api/papers/{id}/vote': {
      post: {
        summary: 'Vote for a paper, or take the vote back (signed in; send the X-CSRF-Token header with the paperboy_csrf cookie)',
        parameters: [idParameter],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['voted'], properties: { voted: { type: 'boolean' } } } } },
        },
        responses: {
          ...ok("The vote and the paper's count after it", {
            type: 'object',
            required: ['paperId', 'voted', 'votes'],
            properties: { paperId: string, voted: { type: 'boolean' }, votes: { type: 'integer' } },
          }),
          '401': { description: 'Not signed in', content: { 'application/json': { schema: ref('Error') } } },
          '403': { description: 'Missing or wrong CSRF token, or another site', content: { 'application/json': { schema: ref('Error') } } },
        },
      },
    },
    '/api/papers/{id}/similar': {
      get: {
        summary: 'Papers similar to one paper',
        parameters: [idParameter, limit],
        responses: ok('Similar papers, most similar first', list({}, [])),
      },
    },
    '/api/trending': {
      get: {
        summary: 'Trending papers',
        parameters: [query('window', 'day (default), week or month', { type: 'string', enum: ['day', 'week', 'month'] }), limit, cursor],
        responses: ok(
          'Papers by trending score; each source counts up to its own newest data (sources, newest first)',
          list(
            {
              window: string,
              asOf: nullableString,
              sources: {
                type: 'array',
                items: { type: 'object', required: ['source', 'asOf'], properties: { source: string, asOf: string } },
              },
              total: { type: 'integer' },
              nextCursor: nullableString,
            },
            ['window', 'asOf', 'sources', 'total', 'nextCursor'],
            'TrendingPaper',
          ),
        ),
      },
    },
    '/api/daily': {
      get: {
        summary: 'Papers of one day, most voted first (votes here and upvotes on Hugging Face together)',
        parameters: [
          query('date', 'The day (YYYY-MM-DD); default the latest day with papers', { type: 'string', format: 'date' }),
          limit,
          cursor,
        ],
        responses: ok(
          'Papers published that day, most upvoted first',
          list(
            {
              date: string,
              quietReason: nullableString,
              previousDate: nullableString,
              nextDate: nullableString,
              total: { type: 'integer' },
              nextCursor: nullableString,
            },
            ['date', 'quietReason', 'previousDate', 'nextDate', 'total', 'nextCursor'],
          ),
        ),
      },
    },
    ...LIBRARY_PATHS,
    ...RECOMMEND_PATHS,
    '/api/status': {
      get: {
        summary: 'What the hub holds',
        responses: ok('Counts, the last import, how fresh each source of trending is, embedding progress, and the digest', {
          type: 'object',
          required: ['papers', 'lastImport', 'trendingSources', 'embeddings', 'digest'],
          properties: {
            papers: { type: 'integer' },
            lastImport: { type: ['object', 'null'] },
            trendingSources: { type: 'array' },
            embeddings: { type: ['object', 'null'] },
            digest: {
              type: 'object',
              description: 'Readers by state, digests by outcome, and the last run; never an address',
              required: [
                'delivers',
                'waiting',
                'confirmed',
                'unsubscribed',
                'suspended',
                'sent',
                'failed',
                'skipped',
                'pending',
                'lastRun',
              ],
              properties: {
                delivers: { type: 'boolean' },
                waiting: { type: 'integer' },
                confirmed: { type: 'integer' },
                unsubscribed: { type: 'integer' },
                suspended: { type: 'integer' },
                sent: { type: 'integer' },
                failed: { type: 'integer' },
                skipped: { type: 'integer' },
                pending: { type: 'integer' },
                lastRun: { type: ['object', 'null'] },
              },
            },
          },
        }),
      },
    },
    '/api/openapi.json': {
      get: { summary: 'This document', responses: ok('OpenAPI 3.1', { type: 'object', required: ['openapi', 'paths'] }) },
    },
  },
  components: {
    schemas: {
      Paper: { type: 'object', required: Object.keys(PAPER_FIELDS), properties: PAPER_FIELDS },
      ScoredPaper: { allOf: [ref('Paper'), { type: 'object', required: ['score'], properties: { score: nullableNumber } }] },
      TrendingPaper: { allOf: [ref('Paper'), { type: 'object', required: ['score'], properties: { score: { type: 'number' } } }] },
      PaperDetail: {
        type: 'object',
        required: [...Object.keys(PAPER_FIELDS), 'links', 'bibtex'],
        properties: {
          ...PAPER_FIELDS,
          version: { type: ['integer', 'null'] },
          updatedAt: nullableString,
          doi: nullableString,
          journalRef: nullableString,
          comments: nullableString,
          license: nullableString,
          links: {
            type: 'array',
            items: {
              type: 'object',
              required: ['kind', 'url'],
              properties: { kind: { enum: ['abs', 'pdf', 'doi', 'code', 'project'] }, url: string },
            },
          },
          sources: { type: 'array', items: { type: 'object', properties: { source: string, firstSeenAt: string } } },
          bibtex: string,
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['kind', 'message'],
            properties: {
              kind: {
                enum: [
                  'not_found',
                  'invalid',
                  'conflict',
                  'unauthorized',
                  'forbidden',
                  'rate_limited',
                  'too_large',
                  'unavailable',
                  'internal',
                ],
              },
              message: string,
            },
          },
        },
      },
    },
  },
} as const;
