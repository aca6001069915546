// Readers' libraries: a default reading list and named collections; saving,
// removing, where a paper is saved, exporting a collection (BibTeX, JSON) and
// importing into one (arXiv ids or arXiv / Hugging Face links, BibTeX, or both).
import { AppError } from '../errors.ts';
import type { LibraryStore, Collection } from '../db/library-store.ts';
import type { PaperReader } from '../db/papers-read.ts';
import { parseArxivId } from '../domain/ids.ts';
import { splitBibtex, type BibtexReference } from '../domain/bibtex-parse.ts';
import { toBibtex } from '../domain/bibtex.ts';
import { emptyLookup, paperLookup, type PaperLookup } from '../domain/paper-lookup.ts';

export type { Collection };

export const LIBRARY_LIMITS = { nameChars: 100, importChars: 1_000_000, importEntries: 5_000 };

/** A collection that holds a paper, as a page names it. */
export interface SavedIn {
  id: number;
  name: string;
}

export interface ImportReport {
  /** Papers added to the collection. */
  added: string[];
  /** Papers the collection held already. */
  already: string[];
  /** Readable references to papers this hub does not have. */
  notHere: string[];
  /** Lines or entries with nothing that names a paper. */
  unreadable: string[];
}

export function createLibrary(deps: { store: LibraryStore; papers: PaperReader; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)()).toISOString();

  async function collectionOf(accountId: number, id: number): Promise<Collection> {
    const collection = await deps.store.collection(accountId, id);
    if (!collection) throw new AppError('not_found', `You have no collection ${id}.`);
    return collection;
  }

  async function createCollection(accountId: number, rawName: string): Promise<number> {
    const name = rawName.replace(/\s+/g, ' ').trim();
    if (!name || name.length > LIBRARY_LIMITS.nameChars)
      throw new AppError('invalid', `A collection needs a name of 1 to ${LIBRARY_LIMITS.nameChars} characters.`);
    await deps.store.collections(accountId, now());
    const id = await deps.store.create(accountId, name, now());
    if (id === null) throw new AppError('conflict', `You already have a collection named "${name}".`);
    return id;
  }

  /** Saves to the collection, or to the reading list when none is named; where it went, and whether it was there already. */
  async function save(
    accountId: number,
    collectionId: number | null,
    paperId: string,
  ): Promise<{ collection: Collection; already: boolean }> {
    const collection = collectionId === null ? await readingList(accountId) : await collectionOf(accountId, collectionId);
    const already = await deps.store.holds(collection.id, paperId);
    if (!(await deps.store.save(collection.id, [paperId], now())).length)
      throw new AppError('not_found', `There is no paper ${paperId} to save.`);
    return { collection, already };
  }

  async function readingList(accountId: number): Promise<Collection> {
    return (await deps.store.collections(accountId, now())).find((collection) => collection.isDefault)!;
  }

  /** A lookup of the collections that hold each paper a page shows: one query for a whole list, and the names once. */
  function savedInOf(accountId: number | null): PaperLookup<SavedIn[]> {
    if (accountId === null) return emptyLookup([]);
    let names: SavedIn[] | null = null;
    return paperLookup(async (ids) => {
      const rows = await deps.store.membershipsAmong(accountId, ids);
      return rows.length ? groupByPaper(rows, (names ??= await deps.store.names(accountId))) : new Map();
    }, []);
  }

  /** The reader's collections, reading list first, without counts: what a save button offers. */
  async function collectionNames(accountId: number): Promise<SavedIn[]> {
    const names = await deps.store.names(accountId);
    return names.some((collection) => collection.isDefault) ? names : deps.store.collections(accountId, now());
  }

  async function papersOf(accountId: number, collectionId: number) {
    await collectionOf(accountId, collectionId);
    const papers = [];
    for (const id of await deps.store.paperIds(collectionId)) {
      const paper = await deps.papers.getPaper(id);
      if (paper) papers.push(paper);
    }
    return papers;
  }

  async function exportJson(accountId: number, collectionId: number) {
    const collection = await collectionOf(accountId, collectionId);
    const papers = (await papersOf(accountId, collectionId)).map((paper) => ({
      id: paper.id,
      title: paper.title,
      authors: paper.authors,
      publishedAt: paper.publishedAt,
      doi: paper.doi,
      categories: paper.categories,
      abstract: paper.abstract,
    }));
    return { collection: collection.name, exportedAt: now(), papers };
  }

  /**
   * Adds what `text` names: BibTeX entries, and arXiv ids or links (arXiv, Hugging Face) one or more
   * per line. Between BibTeX entries only ids and links count: other text there is a BibTeX comment.
   */
  async function importInto(accountId: number, collectionId: number, text: string): Promise<ImportReport> {
    await collectionOf(accountId, collectionId);
    if (text.length > LIBRARY_LIMITS.importChars)
      throw new AppError('invalid', `An import can be at most ${LIBRARY_LIMITS.importChars.toLocaleString('en')} characters.`);
    const wanted = await wantedIn(text);
    const ids = [...new Set(wanted.ids)];
    if (ids.length + wanted.unreadable.length > LIBRARY_LIMITS.importEntries)
      throw new AppError('invalid', `An import can name at most ${LIBRARY_LIMITS.importEntries.toLocaleString('en')} papers.`);
    const already: string[] = [];
    for (const id of ids) if (await deps.store.holds(collectionId, id)) already.push(id);
    const saved = await deps.store.save(collectionId, ids, now());
    return {
      added: saved.filter((id) => !already.includes(id)),
      already,
      notHere: ids.filter((id) => !saved.includes(id)),
      unreadable: wanted.unreadable,
    };
  }

  async function wantedIn(text: string): Promise<{ ids: string[]; unreadable: string[] }> {
    const { references, outside } = splitBibtex(text);
    if (!references.length) return fromIdList(text);
    const entries = await fromReferences(references);
    return { ids: [...fromIdList(outside).ids, ...entries.ids], unreadable: entries.unreadable };
  }

  async function fromReferences(references: BibtexReference[]): Promise<{ ids: string[]; unreadable: string[] }> {
    const ids: string[] = [];
    const unreadable: string[] = [];
    for (const reference of references) {
      if (reference.problem) {
        unreadable.push(`${reference.key || '(an entry without a key)'}: ${reference.problem}`);
        continue;
      }
      const id =
        reference.arxivId ??
        (reference.doi ? ((await deps.store.paperByDoi(reference.doi)) ?? `doi:${reference.doi.toLowerCase()}`) : null);
      if (id) ids.push(id);
      else unreadable.push(reference.key || '(an entry without a key)');
    }
    return { ids, unreadable };
  }

  return {
    collections: (accountId: number) => deps.store.collections(accountId, now()),
    collection: collectionOf,
    createCollection,
    async deleteCollection(accountId: number, collectionId: number): Promise<void> {
      if ((await collectionOf(accountId, collectionId)).isDefault) throw new AppError('invalid', 'The reading list cannot be deleted.');
      await deps.store.remove(accountId, collectionId);
    },
    save,
    savedInOf,
    collectionNames,
    async remove(accountId: number, collectionId: number, paperId: string): Promise<void> {
      await collectionOf(accountId, collectionId);
      await deps.store.unsave(collectionId, paperId);
    },
    paperIds: async (accountId: number, collectionId: number) => (await papersOf(accountId, collectionId)).map((paper) => paper.id),
    exportBibtex: async (accountId: number, collectionId: number) => (await papersOf(accountId, collectionId)).map(toBibtex).join('\n'),
    exportJson,
    importInto,
  };
}

export type Library = ReturnType<typeof createLibrary>;

/** Each paper's collections, in the order of `collections` (the reading list first, then by name). */
function groupByPaper(rows: [string, number][], collections: SavedIn[]): Map<string, SavedIn[]> {
  const order = new Map(collections.map((collection, index) => [collection.id, index]));
  const byPaper = new Map<string, SavedIn[]>();
  for (const [paperId, collectionId] of rows) {
    const list = byPaper.get(paperId) ?? [];
    list.push(collections[order.get(collectionId)!]!);
    byPaper.set(paperId, list);
  }
  for (const list of byPaper.values()) list.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return byPaper;
}

function fromIdList(text: string): { ids: string[]; unreadable: string[] } {
  const ids: string[] = [];
  const unreadable: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const id = parseArxivId(token)?.id;
    if (id) ids.push(id);
    else unreadable.push(token.slice(0, 100));
  }
  return { ids, unreadable };
}
