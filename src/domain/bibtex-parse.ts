// Reads references out of a BibTeX file for importing into a library: each
// entry's arXiv id (eprint, an arxiv.org URL, or "arXiv:…" anywhere) and DOI.
// Anything unreadable is reported by its key and line, never guessed. Linear in
// the size of the file: every bracket's partner is found in one pass first.
import { parseArxivId } from './ids.ts';

export interface BibtexReference {
  key: string;
  arxivId: string | null;
  doi: string | null;
  /** Why the entry could not be read (it is then skipped), e.g. its closing brace is missing. */
  problem?: string;
}

const ENTRY_START = /@\s*([a-zA-Z]+)\s*[{(]/g;
// The lookbehind keeps a long word from being tried at each of its letters.
const FIELD = /(?<![\w-])([a-zA-Z][\w-]*)\s*=\s*/g;
const BARE_VALUE_END = /[,\n}]/g;
const ARXIV_IN_TEXT = /arxiv(?:\.org\/(?:abs|pdf)\/|:\s*)([a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})/i;
const KEY_SHOWN = 100;

export function parseBibtex(text: string): BibtexReference[] {
  return splitBibtex(text).references;
}

/** The entries of `text`, and the text between them (where a pasted list of ids may sit). */
export function splitBibtex(text: string): { references: BibtexReference[]; outside: string } {
  const references: BibtexReference[] = [];
  const outside: string[] = [];
  let after = 0;
  const partners = new Partners(text);
  const lines = new LineCounter(text);
  ENTRY_START.lastIndex = 0;
  for (let match = ENTRY_START.exec(text); match; match = ENTRY_START.exec(text)) {
    outside.push(text.slice(after, match.index));
    const type = match[1]!.toLowerCase();
    const open = match.index + match[0].length - 1;
    const close = partners.of(open);
    const ignored = type === 'comment' || type === 'string' || type === 'preamble';
    if (close < 0 && ignored) continue;
    if (close < 0) {
      after = text.length;
      const key = text.slice(open + 1, open + 1 + KEY_SHOWN).split(/[,\s{}()@=]/)[0] ?? '';
      references.push({
        key,
        arxivId: null,
        doi: null,
        problem: `not closed: the entry on line ${lines.lineOf(match.index)} misses a closing ${text[open] === '(' ? ')' : '}'}`,
      });
      continue;
    }
    ENTRY_START.lastIndex = close + 1;
    after = close + 1;
    if (ignored) continue;
    references.push(readEntry(text.slice(open + 1, close), (at) => partners.of(open + 1 + at) - open - 1));
  }
  outside.push(text.slice(after));
  return { references, outside: outside.join('\n') };
}

function readEntry(body: string, partnerIn: (at: number) => number): BibtexReference {
  const fields = readFields(body, partnerIn);
  const arxivId = parseArxivId(fields.get('eprint') ?? '')?.id ?? ARXIV_IN_TEXT.exec([...fields.values()].join(' '))?.[1] ?? null;
  const doi =
    fields
      .get('doi')
      ?.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')
      .trim() || null;
  const comma = body.indexOf(',');
  const key = (comma < 0 ? body : body.slice(0, comma)).trim().slice(0, KEY_SHOWN);
  return { key, arxivId: arxivId ? (parseArxivId(arxivId)?.id ?? null) : null, doi };
}

function readFields(body: string, partnerIn: (at: number) => number): Map<string, string> {
  const fields = new Map<string, string>();
  FIELD.lastIndex = body.indexOf(',') + 1;
  if (FIELD.lastIndex === 0) return fields;
  for (let match = FIELD.exec(body); match; match = FIELD.exec(body)) {
    const value = readValue(body, match.index + match[0].length, partnerIn);
    fields.set(match[1]!.toLowerCase(), value.text.replace(/[{}]/g, '').trim());
    FIELD.lastIndex = Math.max(value.end, FIELD.lastIndex);
  }
  return fields;
}

function readValue(body: string, start: number, partnerIn: (at: number) => number): { text: string; end: number } {
  if (body[start] === '{') {
    const close = partnerIn(start);
    const end = close < 0 ? body.length : close;
    return { text: body.slice(start + 1, end), end: end + 1 };
  }
  if (body[start] === '"') {
    const end = body.indexOf('"', start + 1);
    return { text: body.slice(start + 1, end < 0 ? undefined : end), end: end < 0 ? body.length : end + 1 };
  }
  BARE_VALUE_END.lastIndex = start;
  const end = BARE_VALUE_END.exec(body)?.index ?? body.length;
  return { text: body.slice(start, end), end };
}

/**
 * The closing partner of every opening bracket, found with one stack per kind: braces
 * alone (for {…} entries and values) and braces with parentheses (for (…) entries).
 */
class Partners {
  private braces: Int32Array | null = null;
  private mixed: Int32Array | null = null;
  constructor(private readonly text: string) {}
  /** Where the bracket at `open` closes, or -1 when it never does. */
  of(open: number): number {
    if (this.text[open] === '(') return (this.mixed ??= matchBrackets(this.text, '{(', '})'))[open]!;
    return (this.braces ??= matchBrackets(this.text, '{', '}'))[open]!;
  }
}

function matchBrackets(text: string, openers: string, closers: string): Int32Array {
  const partner = new Int32Array(text.length).fill(-1);
  const stack: number[] = [];
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if (openers.includes(char)) stack.push(at);
    else if (closers.includes(char) && stack.length) partner[stack.pop()!] = at;
  }
  return partner;
}

/** Line numbers of positions asked for in increasing order, each newline counted once. */
class LineCounter {
  private line = 1;
  private nextNewline: number;
  constructor(private readonly text: string) {
    this.nextNewline = text.indexOf('\n');
  }
  lineOf(position: number): number {
    while (this.nextNewline >= 0 && this.nextNewline < position) {
      this.line++;
      this.nextNewline = this.text.indexOf('\n', this.nextNewline + 1);
    }
    return this.line;
  }
}
