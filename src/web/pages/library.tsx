// Library pages: the reader's collections, one collection with its papers,
// export links and an import form; and the "save" form of a paper page.
import type { Collection, ImportReport } from '../../library/library.ts';
import type { PaperCard } from '../../papers/papers.ts';
import { Layout } from './layout.tsx';
import { PaperList } from './paper-list.tsx';
import { FormGuard, useViewer } from './viewer.tsx';
import { paperPath, withQuery } from '../paths.ts';

export function LibraryPage({ collections }: { collections: Collection[] }) {
  return (
    <Layout title="Library" section="account" statusLine={null}>
      <h1>Your library</h1>
      <ul>
        {collections.map((collection) => (
          <li>
            <a href={`/library/${collection.id}`}>{collection.name}</a> <span class="muted">({papersCount(collection.papers)})</span>
          </li>
        ))}
      </ul>
      <h2>New collection</h2>
      <form method="post" action="/library">
        <FormGuard />
        <label>
          Name <input name="name" required maxlength={100} />
        </label>{' '}
        <button type="submit">Create</button>
      </form>
    </Layout>
  );
}

export function CollectionPage({ collection, papers, report }: { collection: Collection; papers: PaperCard[]; report?: ImportReport }) {
  const base = `/library/${collection.id}`;
  return (
    <Layout title={collection.name} section="account" statusLine={null}>
      <p>
        <a href="/library">← Library</a>
      </p>
      <h1>{collection.name}</h1>
      {report ? <ImportSummary report={report} /> : null}
      <p>
        {papersCount(papers.length)} · export as <a href={`${base}/export.bib`}>BibTeX</a> or <a href={`${base}/export.json`}>JSON</a>
      </p>
      {papers.length ? (
        <SavedPapers collectionId={collection.id} papers={papers} />
      ) : (
        <p>Nothing saved here yet: use “Save” on a paper’s page, or import below.</p>
      )}
      <h2>Import</h2>
      <form method="post" action={`${base}/import`} enctype="multipart/form-data">
        <FormGuard />
        <p>
          <label for="import-text">arXiv ids or links, or BibTeX entries</label>
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
        <form method="post" action={`${base}/delete`}>
          <FormGuard />
          <button type="submit">Delete this collection</button>
        </form>
      )}
    </Layout>
  );
}

function SavedPapers({ collectionId, papers }: { collectionId: number; papers: PaperCard[] }) {
  return (
    <>
      <PaperList papers={papers} />
      <details>
        <summary>Remove papers</summary>
        <ul>
          {papers.map((paper) => (
            <li>
              <form
                class="inline"
                method="post"
                action={`/library/${collectionId}/papers${paperPath(paper.id).slice('/papers'.length)}/remove`}
              >
                <FormGuard />
                <button type="submit">Remove</button>
              </form>{' '}
              {paper.title}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

function ImportSummary({ report }: { report: ImportReport }) {
  return (
    <div class="notice" role="status">
      <p>Imported {papersCount(report.added.length)}.</p>
      {report.notHere.length ? <p>Not in this hub (yet): {report.notHere.join(', ')}.</p> : null}
      {report.unreadable.length ? <p>Not understood: {report.unreadable.join(', ')}.</p> : null}
    </div>
  );
}

/** On a paper page: save it to one of the reader's collections. */
export function SaveForm({ paperId, collections }: { paperId: string; collections: Collection[] | null }) {
  const viewer = useViewer();
  if (!collections) return <a href={withQuery('/signin', { next: viewer.path })}>Sign in to save this paper</a>;
  return (
    <form class="inline" method="post" action="/library/save">
      <FormGuard />
      <input type="hidden" name="paper" value={paperId} />
      <label>
        Save to{' '}
        <select name="collection">
          {collections.map((collection) => (
            <option value={String(collection.id)}>{collection.name}</option>
          ))}
        </select>
      </label>{' '}
      <button type="submit">Save</button>
    </form>
  );
}

function papersCount(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'paper' : 'papers'}`;
}
