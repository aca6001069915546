// The OpenAPI description of the signed-in reader's recommendations and
// "not interested" marks.
import { string, ref, ok, query, idParameter, signedIn, limit } from './openapi-parts.ts';

const reason = {
  type: 'object',
  required: ['kind', 'text'],
  description:
    'Why the paper is recommended. like: the saved or voted paper it is most like (paperId, title, source); author: a followed author (name); category: a followed category (category)',
  properties: {
    kind: { type: 'string', enum: ['like', 'author', 'category'] },
    text: { ...string, description: 'The reason in a few words, e.g. like “XY-Tokenizer…”, which you saved' },
    paperId: string,
    title: string,
    source: {
      type: 'object',
      properties: { kind: { type: 'string', enum: ['saved', 'voted'] }, collection: { type: ['string', 'null'] } },
    },
    name: string,
    category: string,
  },
};

const marked = (notInterested: boolean) =>
  ok(notInterested ? 'The mark is made (marking twice is harmless)' : 'The mark is taken back; undone is false when there was none', {
    type: 'object',
    required: ['paperId', 'notInterested'],
    properties: { paperId: string, notInterested: { type: 'boolean' }, undone: { type: 'boolean' } },
  });

export const RECOMMEND_PATHS = {
  '/api/recommendations': {
    get: {
      summary:
        'New papers for the signed-in reader, from the papers they saved and voted for and the authors and categories they follow; never one they have seen (sent in a digest, voted, saved, marked) or a hidden one',
      parameters: [
        query('window', 'The newest day, week (default) or month of papers', { type: 'string', enum: ['day', 'week', 'month'] }),
        query('from', 'Recommend from this collection of the reader alone (its id)', { type: 'integer', minimum: 1 }),
        limit,
      ],
      responses: {
        ...ok('Recommended papers, best first, each with its reasons', {
          type: 'object',
          required: ['window', 'from', 'to', 'collection', 'signals', 'papers'],
          properties: {
            window: string,
            from: { ...string, description: 'First day of papers (YYYY-MM-DD)' },
            to: { ...string, description: 'Last day of papers' },
            collection: { type: ['object', 'null'], properties: { id: { type: 'integer' }, name: string } },
            signals: {
              type: 'object',
              description: 'What the ranking had to go on: with all three 0 there is nothing to recommend from',
              properties: { liked: { type: 'integer' }, authors: { type: 'integer' }, categories: { type: 'integer' } },
            },
            papers: {
              type: 'array',
              items: { allOf: [ref('Paper'), { type: 'object', properties: { reasons: { type: 'array', items: reason } } }] },
            },
          },
        }),
        ...signedIn,
      },
    },
  },
  '/api/papers/{id}/not-interested': {
    post: {
      summary: 'Mark a paper "not interested": it is not recommended again, and papers like it come lower',
      parameters: [idParameter],
      responses: { ...marked(true), ...signedIn },
    },
    delete: {
      summary: 'Take a "not interested" mark back',
      parameters: [idParameter],
      responses: { ...marked(false), ...signedIn },
    },
  },
};
