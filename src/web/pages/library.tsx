// Library pages: the reader's collections (with the new-collection form and
// its error), one collection with its papers, export links, an import form
// and the report of the last import; deleting asks first.
import type { Collection } from '../../library/library.ts';
import type { PaperCard } from '../../papers/papers.ts';
import type { ShownImportReport } from '../import-report.ts';
import { Layout } from './layout.tsx';
import { PaperList, papersCount } from './paper-list.tsx';
import { FormGuard } from './viewer.tsx';

/** What the new-collection form was sent with, and why it was refused. */
export interface RefusedName {
  name: string;
  error: string;
}

export function LibraryPage({ collections, refused, deleted }: { collections: Collection[]; refused?: RefusedName; deleted?: string }) {
  return (
    <Layout title="Library" section="library" statusLine={null}>
      <h1>Your library</h1>
      {deleted ? (
        <p class="notice" role="status">
          Deleted “{deleted}”.
        </p>
      ) : null}
      <ul>
        {collections.map((collection) => (
          <li>
            <a href={`/library/${collection.id}`}>{collection.name}</a> <span class="muted">({papersCount(collection.papers)})</span>
          </li>
        ))}
      </ul>
      <h2 id="new-collection">New collection</h2>
      <form method="post" action="/library">
        <FormGuard />
        {refused ? (
          <p class="error" id="name-error" role="alert">
            {refused.error}
          </p>
        ) : null}
        <label>
          Name{' '}
          <input
            name="name"
            required
            maxlength={100}
            value={refused?.name}
            aria-invalid={refused ? 'true' : undefined}
            aria-describedby={refused ? 'name-error' : undefined}
          />
        </label>{' '}
        <button type="submit">Create</button>
      </form>
    </Layout>
  );
}

export function CollectionPage({
  collection,
  papers,
  report,
}: {
  collection: Collection;
  papers: PaperCard[];
  report: ShownImportReport | null;
}) {
  const base = `/library/${collection.id}`;
  return (
    <Layout title={collection.name} section="library" statusLine={null} paperList={papers.length > 0}>
      <p>
        <a href="/library">← Library</a>
      </p>
      <h1>{collection.name}</h1>
      {report ? <ImportSummary report={report} /> : null}
      <p>
        {papersCount(papers.length)} · export as <a href={`${base}/export.bib`}>BibTeX</a> or <a href={`${base}/export.json`}>JSON</a>
      </p>
      {papers.length ? (
        <section aria-label="Saved papers">
          <PaperList papers={papers} />
        </section>
      ) : (
        <p>Nothing saved here yet: use “Save” on a paper, or import below.</p>
      )}
      <h2>Import</h2>
      <form method="post" action={`${base}/import`} enctype="multipart/form-data">
        <FormGuard />
        <p>
          <label for="import-text">arXiv ids, arXiv or Hugging Face links, BibTeX entries, or all of these</label>
          <textarea id="import-text" name="text" rows={5} />
        </p>
        <p>
          <label>
            or a .bib file <input type="file" name="file" accept=".bib,.txt,text/plain" />
          </label>
        </p>
        <button type="submit">Import</button>
      </form>
      {collection.isDefault ? null : (
        <p>
          <a href={`${base}/delete`}>Delete this collection…</a>
        </p>
      )}
    </Layout>
  );
}

/** Asks before a collection and the list of its papers are gone for good. */
export function DeleteCollectionPage({ collection }: { collection: Collection }) {
  return (
    <Layout title={`Delete ${collection.name}`} section="library" statusLine={null}>
      <h1>Delete “{collection.name}”?</h1>
      <p>
        The collection and its list of {papersCount(collection.papers)} are deleted for good; the papers stay in this hub and in your other
        collections.
      </p>
      <form method="post" action={`/library/${collection.id}/delete`} class="inline">
        <FormGuard />
        <button type="submit">Delete “{collection.name}”</button>
      </form>{' '}
      <a href={`/library/${collection.id}`}>Keep it</a>
    </Layout>
  );
}

const REPORT_LINES = {
  added: (count: number) => `Imported ${papersCount(count)}`,
  already: (count: number) => `Already in this collection: ${papersCount(count)}`,
  notHere: (count: number) => `Not in this hub (yet): ${papersCount(count)}`,
  unreadable: (count: number) => `Not understood: ${count.toLocaleString('en')} ${count === 1 ? 'item' : 'items'}`,
};

function ImportSummary({ report }: { report: ShownImportReport }) {
  const { lists } = report;
  return (
    <div class="notice" role="status">
      {(Object.keys(REPORT_LINES) as (keyof typeof REPORT_LINES)[]).map((name) =>
        name === 'added' || lists[name].count ? (
          <p>
            {REPORT_LINES[name](lists[name].count)}
            {name !== 'added' && lists[name].shown.length ? `: ${lists[name].shown.join(', ')}` : ''}
            {lists[name].count > lists[name].shown.length && name !== 'added' ? ' …' : ''}.
          </p>
        ) : null,
      )}
    </div>
  );
}
