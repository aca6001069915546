// Text cleaning for every upstream field: HTML tags and entities out, LaTeX
// accents to Unicode, whitespace collapsed, paragraph breaks kept.
// Script and style elements go whole. Openers and closers are found apart, so unclosed openers cost one pass.
const DROPPED_OPEN = /<(script|style)\b[^<>]*>/gi;
const DROPPED_CLOSE = /<\/(script|style)\s*>/gi;
const TAG = /<\/?([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?\/?>/g;
// Inline elements vanish without a trace; any other tag separates words.
const INLINE_TAGS = new Set(['a', 'abbr', 'b', 'code', 'em', 'i', 'mark', 'small', 'span', 'strong', 'sub', 'sup', 'tt', 'u']);
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
// arXiv marks a new paragraph with a blank line or an indented line. The lookbehind starts a match
// only where a run of whitespace starts: tried at each space of a long run, it would take quadratic time.
const PARAGRAPH_BREAK = /(?<!\s)(?:\s*\n[ \t]*\n\s*|\s*\n[ \t]{2,}(?=\S))/g;
/** Whitespace and control characters but the space, and not U+2029, which marks a paragraph break here. */
const BLANKS = '\\u0000-\\u001f\\u007f\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u202f\\u205f\\u3000\\ufeff';
/**
 * Runs of them and spaces, but a lone space, which stays as it is (an abstract's every space
 * matched and replaced by itself was most of cleaning it).
 */
const SPACE_RUN = new RegExp(` [ ${BLANKS}]+|[${BLANKS}][ ${BLANKS}]*`, 'g');
const PARAGRAPH_MARK = / ?\u2029[ \u2029]*/g;

const ACCENT_MARKS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
};
const ACCENT = /(\{)?\\(['`^"~=.]|[uvHckr](?=[\s{]))\s*(?:\{\s*(\\?[a-zA-Z])\s*\}|(\\?[a-zA-Z]))(\})?/g;
const SPECIAL_LETTERS: Record<string, string> = {
  ss: 'ß',
  aa: 'å',
  AA: 'Å',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
};
const SPECIAL = /\{?\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L)(?![a-zA-Z])\}?/g;

/** Cleans a title, abstract or other field. Paragraphs stay apart with a blank line. */
export function cleanText(value: string): string {
  const plain = convertLatexAccents(stripHtml(value));
  // Three whole-string passes instead of one per paragraph: this runs on every abstract.
  return plain.replace(PARAGRAPH_BREAK, '\u2029').replace(SPACE_RUN, ' ').replace(PARAGRAPH_MARK, '\n\n').trim();
}

/** Cleans a person's name: like cleanText, plus LaTeX letters (\o, \ss) and stray braces. */
export function cleanName(value: string): string {
  const name = cleanLine(value);
  if (!name.includes('\\') && !name.includes('{')) return name;
  return name
    .replace(SPECIAL, (_m, letter: string) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function stripHtml(value: string): string {
  if (!value.includes('<') && !value.includes('&')) return value;
  return dropScriptsAndStyles(value)
    .replace(TAG, (_tag, name: string) => (INLINE_TAGS.has(name.toLowerCase()) ? '' : ' '))
    .replace(ENTITY, decodeEntity);
}

function dropScriptsAndStyles(value: string): string {
  if (!/<(script|style)/i.test(value)) return value;
  const closers = new Map<string, { start: number; end: number }[]>([
    ['script', []],
    ['style', []],
  ]);
  for (const close of value.matchAll(DROPPED_CLOSE))
    closers.get(close[1]!.toLowerCase())!.push({ start: close.index, end: close.index + close[0].length });
  const nextCloser = new Map([
    ['script', 0],
    ['style', 0],
  ]);
  let kept = '';
  let last = 0;
  DROPPED_OPEN.lastIndex = 0;
  for (let open = DROPPED_OPEN.exec(value); open; open = DROPPED_OPEN.exec(value)) {
    const kind = open[1]!.toLowerCase();
    const list = closers.get(kind)!;
    let next = nextCloser.get(kind)!;
    while (next < list.length && list[next]!.start < DROPPED_OPEN.lastIndex) next++;
    nextCloser.set(kind, next);
    const close = list[next];
    if (!close) continue;
    kept += `${value.slice(last, open.index)} `;
    last = DROPPED_OPEN.lastIndex = close.end;
  }
  return kept + value.slice(last);
}

function decodeEntity(match: string, body: string): string {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? match;
}

export function convertLatexAccents(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(ACCENT, (_m, open?: string, accent = '', braced?: string, bare?: string, close?: string) => {
    const letter = (braced ?? bare ?? '').replace('\\', '');
    const accented = (letter + (ACCENT_MARKS[accent] ?? '')).normalize('NFC');
    return (open && !close ? '{' : '') + accented + (close && !open ? '}' : '');
  });
}

/** Cleans a one-line field such as a title or a journal reference. */
export function cleanLine(value: string): string {
  const text = cleanText(value);
  return text.includes('\n') ? text.replace(/\s+/g, ' ') : text;
}
