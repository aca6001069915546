// Reads references out of a BibTeX file for importing into a library: each
// entry's arXiv id (eprint, an arxiv.org URL, or "arXiv:…" anywhere) and DOI.
// Anything unreadable is reported by its key, never guessed.
import { parseArxivId } from './ids.ts';

export interface BibtexReference {
  key: string;
  arxivId: string | null;
  doi: string | null;
}

const ENTRY_START = /@\s*([a-zA-Z]+)\s*[{(]/g;
const ARXIV_IN_TEXT = /arxiv(?:\.org\/(?:abs|pdf)\/|:\s*)([a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})/i;

export function parseBibtex(text: string): BibtexReference[] {
  const references: BibtexReference[] = [];
  for (const match of text.matchAll(ENTRY_START)) {
    const type = match[1]!.toLowerCase();
    if (type === 'comment' || type === 'string' || type === 'preamble') continue;
    const body = balancedBody(text, match.index + match[0].length - 1);
    if (body === null) continue;
    const fields = readFields(body);
    const arxivId = parseArxivId(fields.get('eprint') ?? '')?.id ?? ARXIV_IN_TEXT.exec([...fields.values()].join(' '))?.[1] ?? null;
    const doi = fields.get('doi')?.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '').trim() || null;
    references.push({ key: body.slice(0, body.indexOf(',')).trim(), arxivId: arxivId ? (parseArxivId(arxivId)?.id ?? null) : null, doi });
  }
  return references;
}

/** The text between the brace (or parenthesis) at `open` and its partner, or null when it never closes. */
function balancedBody(text: string, open: number): string | null {
  const closer = text[open] === '(' ? ')' : '}';
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    if (text[at] === '{' || text[at] === text[open]) depth++;
    else if (text[at] === '}' || text[at] === closer) depth--;
    if (depth === 0) return text.slice(open + 1, at);
  }
  return null;
}

function readFields(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  const field = /([a-zA-Z][\w-]*)\s*=\s*/g;
  field.lastIndex = body.indexOf(',') + 1;
  for (let match = field.exec(body); match; match = field.exec(body)) {
    const start = match.index + match[0].length;
    const value = readValue(body, start);
    fields.set(match[1]!.toLowerCase(), value.text.replace(/[{}]/g, '').trim());
    field.lastIndex = value.end;
  }
  return fields;
}

function readValue(body: string, start: number): { text: string; end: number } {
  if (body[start] === '{') {
    const inner = balancedBody(body, start) ?? body.slice(start + 1);
    return { text: inner, end: start + inner.length + 2 };
  }
  if (body[start] === '"') {
    const end = body.indexOf('"', start + 1);
    return { text: body.slice(start + 1, end < 0 ? undefined : end), end: end < 0 ? body.length : end + 1 };
  }
  const end = body.slice(start).search(/[,\n}]/);
  return { text: body.slice(start, end < 0 ? undefined : start + end), end: end < 0 ? body.length : start + end };
}
