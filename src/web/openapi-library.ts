// The OpenAPI description of the signed-in reader's library routes (/api/library).
import { string, ref, ok, strings, query, signedIn } from './openapi-parts.ts';
const collectionId = { name: 'id', in: 'path', required: true, description: 'A collection id', schema: { type: 'integer' } };
const jsonBody = (properties: Record<string, object>) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', required: Object.keys(properties), properties } } },
});
const collection = {
  type: 'object',
  required: ['id', 'name', 'isDefault', 'papers'],
  properties: { id: { type: 'integer' }, name: string, isDefault: { type: 'boolean' }, papers: { type: 'integer' } },
};

/** The signed-in reader's library (session cookie; state changes need X-CSRF-Token). */
export const LIBRARY_PATHS = {
  '/api/library': {
    get: {
      summary: 'Your collections (the reading list first)',
      responses: {
        ...ok('Collections', {
          type: 'object',
          required: ['collections'],
          properties: { collections: { type: 'array', items: collection } },
        }),
        ...signedIn,
      },
    },
    post: {
      summary: 'Create a collection',
      requestBody: jsonBody({ name: string }),
      responses: { ...ok('Its id', { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } }), ...signedIn },
    },
  },
  '/api/library/{id}': {
    get: {
      summary: 'A collection and its papers',
      parameters: [collectionId],
      responses: {
        ...ok('The collection', {
          type: 'object',
          required: ['collection', 'papers'],
          properties: { collection, papers: { type: 'array', items: ref('Paper') } },
        }),
        ...signedIn,
      },
    },
    delete: {
      summary: 'Delete a collection (not the reading list)',
      parameters: [collectionId],
      responses: { ...ok('Deleted', { type: 'object' }), ...signedIn },
    },
  },
  '/api/library/{id}/papers': {
    post: {
      summary: 'Save a paper; "already" says whether the collection held it before',
      parameters: [collectionId],
      requestBody: jsonBody({ paperId: string }),
      responses: {
        ...ok('Saved', { type: 'object', required: ['saved', 'already'], properties: { saved: string, already: { type: 'boolean' } } }),
        ...signedIn,
      },
    },
  },
  '/api/library/{id}/papers/{paper}': {
    delete: {
      summary: 'Remove a paper',
      parameters: [collectionId, { name: 'paper', in: 'path', required: true, description: 'Paper id (slashes as %2F)', schema: string }],
      responses: { ...ok('Removed', { type: 'object' }), ...signedIn },
    },
  },
  '/api/library/{id}/import': {
    post: {
      summary: 'Import arXiv ids, arXiv or Hugging Face links, BibTeX, or BibTeX and ids together',
      parameters: [collectionId],
      requestBody: jsonBody({ text: string }),
      responses: {
        ...ok('What was added, what the collection held already, what this hub lacks, what was not understood', {
          type: 'object',
          required: ['added', 'already', 'notHere', 'unreadable'],
          properties: { added: strings, already: strings, notHere: strings, unreadable: strings },
        }),
        ...signedIn,
      },
    },
  },
  '/api/library/{id}/export': {
    get: {
      summary: 'Export a collection',
      parameters: [collectionId, query('format', 'json (default) or bibtex', { type: 'string', enum: ['json', 'bibtex'] })],
      responses: {
        ...ok('The collection as JSON (or BibTeX with format=bibtex)', { type: 'object', required: ['collection', 'papers'] }),
        ...signedIn,
      },
    },
  },
};
