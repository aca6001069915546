// Building blocks of the OpenAPI description (openapi.ts, openapi-library.ts, openapi-recommend.ts).
export const string = { type: 'string' } as const;
export const nullableString = { type: ['string', 'null'] } as const;
export const nullableNumber = { type: ['number', 'null'] } as const;
export const strings = { type: 'array', items: string } as const;
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const query = (name: string, description: string, schema: object = string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
export const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Paper id: an arXiv id (2506.16500, hep-th/9901001 written hep-th%2F9901001) or doi:…',
  schema: string,
};
export const limit = query('limit', 'Results per page, 1 to 100 (default 20)', { type: 'integer', minimum: 1, maximum: 100 });
export const cursor = query('cursor', 'nextCursor from the previous page');

export const errors = {
  '400': { description: 'A parameter is not valid', content: { 'application/json': { schema: ref('Error') } } },
  '404': { description: 'No such paper', content: { 'application/json': { schema: ref('Error') } } },
};

/** The answers of a route for signed-in readers (session cookie; state changes need X-CSRF-Token). */
export const signedIn = {
  '401': { description: 'Not signed in', content: { 'application/json': { schema: ref('Error') } } },
  '403': { description: 'Missing or wrong X-CSRF-Token, or another site', content: { 'application/json': { schema: ref('Error') } } },
};

export function ok(description: string, schema: object) {
  return { '200': { description, content: { 'application/json': { schema } } }, ...errors };
}

export function list(extra: Record<string, object>, required: string[], item = 'Paper') {
  return { type: 'object', required: ['papers', ...required], properties: { papers: { type: 'array', items: ref(item) }, ...extra } };
}
