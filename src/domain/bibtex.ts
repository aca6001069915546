// BibTeX for a paper, in the form arXiv's own "Export BibTeX" gives: @misc with
// eprint, archivePrefix and primaryClass, so reference managers link it back.
import { parseArxivId } from './ids.ts';
import { isCategory } from './query.ts';

export interface CitablePaper {
  id: string;
  title: string;
  authors: string[];
  publishedAt: string | null;
  primaryCategory: string | null;
  doi: string | null;
  journalRef: string | null;
}

export function toBibtex(paper: CitablePaper): string {
  const arxiv = parseArxivId(paper.id);
  const year = paper.publishedAt?.slice(0, 4) ?? null;
  const fields: [string, string | null][] = [
    ['title', `{${bibtexText(paper.title)}}`],
    ['author', paper.authors.length ? paper.authors.map(bibtexText).join(' and ') : null],
    ['year', year],
    ['eprint', arxiv?.id ?? null],
    ['archivePrefix', arxiv ? 'arXiv' : null],
    ['primaryClass', arxiv && paper.primaryCategory && isCategory(paper.primaryCategory) ? paper.primaryCategory : null],
    ['doi', paper.doi ? verbatim(paper.doi) : null],
    ['journal', paper.journalRef ? bibtexText(paper.journalRef) : null],
    ['url', arxiv ? `https://arxiv.org/abs/${arxiv.id}` : paper.doi ? verbatim(`https://doi.org/${paper.doi}`) : null],
  ];
  const body = fields.filter((field): field is [string, string] => field[1] !== null).map(([name, value]) => `  ${name} = {${value}}`);
  return `@misc{${citationKey(paper, year)},\n${body.join(',\n')}\n}\n`;
}

/** "vaswani2017attention": first author's family name, year, first long title word. */
export function citationKey(paper: Pick<CitablePaper, 'id' | 'title' | 'authors'>, year: string | null): string {
  const family = (paper.authors[0] ?? '').split(/\s+/).at(-1) ?? '';
  const word = paper.title.split(/\s+/).find((candidate) => asciiWord(candidate).length > 3) ?? '';
  const key = `${asciiWord(family)}${year ?? ''}${asciiWord(word)}`;
  return key || asciiWord(paper.id) || 'paper';
}

function asciiWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

/** A DOI or URL as written, less what would end its field (braces) or start a command (backslashes). */
function verbatim(text: string): string {
  return text.replace(/[{}\\\s]/g, '');
}

/** Braces balanced and BibTeX's specials escaped; TeX math and accents pass through. */
function bibtexText(text: string): string {
  let depth = 0;
  let balanced = '';
  for (const char of text) {
    if (char === '{') depth++;
    if (char === '}' && depth === 0) continue;
    if (char === '}') depth--;
    balanced += char;
  }
  return (balanced + '}'.repeat(depth)).replace(/(?<!\\)([&%#])/g, '\\$1');
}
