// The authors feature: one author's page (their papers newest first, the
// names they appear under, frequent co-authors and categories), with name
// variants grouped by the conservative rule of domain/author-names.ts.
import { AppError } from '../errors.ts';
import { isInitialsOnly, nameKey, sameAuthorKeys, surnameOf } from '../domain/author-names.ts';
import { offsetOf, offsetPage, type OffsetPage } from '../domain/cursor.ts';
import type { PaperAuthors } from '../db/paper-authors.ts';
import type { Listings, PaperCard } from '../db/listings.ts';

/** Papers looked at for co-authors and categories: the newest this many. */
export const PROFILE_PAPERS = 1_000;
const TOP = { coauthors: 12, categories: 8 };

export interface AuthorPage extends OffsetPage {
  /** The name most papers use. */
  name: string;
  /** Every way the papers write the name, most used first. */
  variants: { name: string; papers: number }[];
  total: number;
  papers: PaperCard[];
  coauthors: { name: string; papers: number }[];
  categories: { category: string; papers: number }[];
}

export function createAuthors(deps: { authors: PaperAuthors; listings: Listings }) {
  /** The keys of everyone written as `name` and their papers (shown or not), or the error that there is no such author here. */
  async function authorOf(name: string): Promise<{ keys: string[]; seqs: number[]; total: number }> {
    const key = nameKey(name);
    if (!key) throw new AppError('invalid', 'An author page needs a name with letters in it.');
    const keys = sameAuthorKeys(key, await deps.authors.keysWithSurname(surnameOf(key)));
    const seqs = await deps.authors.seqsOf(keys);
    const total = await deps.authors.countPapers(seqs);
    if (!total) throw new AppError('not_found', `No paper here names the author “${name}”.`);
    return { keys, seqs, total };
  }

  async function authorPage(name: string, limit: number, cursor: string | null = null): Promise<AuthorPage> {
    const { keys, seqs, total } = await authorOf(name);
    const list = `author:${keys[0]}`;
    const offset = offsetOf(cursor, list);
    const variants = await deps.authors.names(seqs, keys);
    const profiled = await deps.authors.paperIds(seqs, PROFILE_PAPERS, 0);
    return {
      name: shownName(variants) ?? name,
      variants,
      total,
      papers: await deps.listings.cards(await deps.authors.paperIds(seqs, limit, offset)),
      coauthors: (await deps.authors.coauthors(profiled, keys, TOP.coauthors)).map(({ name: coauthor, papers }) => ({
        name: coauthor,
        papers,
      })),
      categories: await deps.authors.categories(profiled, TOP.categories),
      ...offsetPage(list, offset, limit, total),
    };
  }

  return { authorPage };
}

export type Authors = ReturnType<typeof createAuthors>;

/**
 * The name a page is headed with: the one most papers use; among equals, a full name before
 * initials, mixed case before capitals, accents kept before dropped.
 */
function shownName(variants: { name: string; papers: number }[]): string | null {
  const rank = (name: string) =>
    [isInitialsOnly(nameKey(name)), name === name.toUpperCase(), !/[^\p{ASCII}]/u.test(name)].filter(Boolean).length;
  const sorted = [...variants].sort((a, b) => b.papers - a.papers || rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : 1));
  return sorted[0]?.name ?? null;
}
