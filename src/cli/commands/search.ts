// paperboy search QUERY and paperboy similar ID: the search box and "similar
// papers" from the terminal.
import { SEARCH_SORTS, type SearchSort } from '../../search/search.ts';
import { UsageError, positiveIntOption, stringOption, type Command, type Values } from '../command.ts';
import type { SearchHit } from '../../search/hits.ts';
import { QUERY_HELP } from '../../domain/query.ts';

function sortOption(values: Values): SearchSort {
  const sort = stringOption(values, 'sort') ?? 'relevance';
  if (!(SEARCH_SORTS as readonly string[]).includes(sort)) throw new UsageError(`--sort must be one of ${SEARCH_SORTS.join(', ')}`);
  return sort as SearchSort;
}

function formatHits(hits: SearchHit[]): string {
  return hits
    .map((hit, index) => {
      const meta = [
        hit.authors.slice(0, 3).join(', ') + (hit.authors.length > 3 ? ' et al.' : ''),
        hit.primaryCategory,
        hit.publishedAt?.slice(0, 10),
        hit.hasCode ? 'code' : null,
      ];
      return `${String(index + 1).padStart(2)}. ${hit.title}\n    ${hit.id} · ${meta.filter(Boolean).join(' · ')}`;
    })
    .join('\n');
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'Search papers by keyword, with the same query language as the web search box',
  usage: 'paperboy search QUERY... [--sort relevance|newest|trending] [--limit N] [--cursor C] [--json]',
  allowPositionals: true,
  options: { sort: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' }, json: { type: 'boolean' } },
  help: [
    ...QUERY_HELP,
    '--sort S    relevance (default), newest, or trending (the best matches, trending this week first)',
    '--limit N   results per page (default 20, at most 100)',
    '--cursor C  continue after a previous page',
    '--json      print the results as JSON',
  ],
  async run(context, values, positionals) {
    if (!positionals.length) throw new UsageError('search needs a QUERY');
    const result = await (
      await context.services()
    ).search.searchPapers(positionals.join(' '), {
      sort: sortOption(values),
      limit: positiveIntOption(values, 'limit', 20),
      cursor: stringOption(values, 'cursor'),
    });
    if (values.json) {
      context.out.write(
        `${JSON.stringify({ paperId: result.paperId, hits: result.hits, nextCursor: result.nextCursor, notes: result.notes }, null, 2)}\n`,
      );
      return 0;
    }
    const lines = [...result.notes.map((note) => `note: ${note}`)];
    if (result.paperId) lines.push(`paper ${result.paperId}`);
    else if (!result.hits.length) lines.push('no papers match');
    else lines.push(formatHits(result.hits));
    if (result.nextCursor) lines.push(`more: --cursor ${result.nextCursor}`);
    context.out.write(`${lines.join('\n')}\n`);
    return 0;
  },
};

export const similarCommand: Command = {
  name: 'similar',
  summary: 'List the papers most similar to one paper',
  usage: 'paperboy similar ID [--limit N] [--json]',
  allowPositionals: true,
  options: { limit: { type: 'string' }, json: { type: 'boolean' } },
  help: [
    'ID          a paper id as stored, e.g. 2401.12345 or jsonl:TR-7',
    '--limit N   how many (default 10)',
    '--json      print the results as JSON',
  ],
  async run(context, values, positionals) {
    if (positionals.length !== 1) throw new UsageError('similar needs exactly one paper ID');
    const hits = await (await context.services()).search.similarPapers(positionals[0]!, positiveIntOption(values, 'limit', 10));
    context.out.write(
      values.json ? `${JSON.stringify(hits, null, 2)}\n` : `${hits.length ? formatHits(hits) : 'no similar papers found'}\n`,
    );
    return 0;
  },
};
