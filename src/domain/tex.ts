// TeX math in titles and abstracts ($x^2$, \(\alpha\)) as readable HTML or plain
// text: Unicode symbols, <sup>/<sub>, no script and no web fonts. Bounded: one
// pass over the text, nesting cut at MAX_DEPTH, long formulas shown as written.
import { escapeHtml, escapeHtmlLinked } from './html.ts';
import { splitMath, type TextPart } from './tex-split.ts';
import { renderOr } from './fail-soft.ts';

const SYMBOLS = new Map(
  Object.entries({
    alpha: 'α',
    beta: 'β',
    gamma: 'γ',
    delta: 'δ',
    epsilon: 'ϵ',
    varepsilon: 'ε',
    zeta: 'ζ',
    eta: 'η',
    theta: 'θ',
    vartheta: 'ϑ',
    iota: 'ι',
    kappa: 'κ',
    lambda: 'λ',
    mu: 'μ',
    nu: 'ν',
    xi: 'ξ',
    pi: 'π',
    rho: 'ρ',
    sigma: 'σ',
    tau: 'τ',
    upsilon: 'υ',
    phi: 'ϕ',
    varphi: 'φ',
    chi: 'χ',
    psi: 'ψ',
    omega: 'ω',
    Gamma: 'Γ',
    Delta: 'Δ',
    Theta: 'Θ',
    Lambda: 'Λ',
    Xi: 'Ξ',
    Pi: 'Π',
    Sigma: 'Σ',
    Phi: 'Φ',
    Psi: 'Ψ',
    Omega: 'Ω',
    times: '×',
    cdot: '·',
    cdots: '⋯',
    ldots: '…',
    dots: '…',
    pm: '±',
    mp: '∓',
    leq: '≤',
    le: '≤',
    geq: '≥',
    ge: '≥',
    neq: '≠',
    ne: '≠',
    approx: '≈',
    sim: '∼',
    simeq: '≃',
    equiv: '≡',
    propto: '∝',
    ll: '≪',
    gg: '≫',
    infty: '∞',
    in: '∈',
    notin: '∉',
    subset: '⊂',
    subseteq: '⊆',
    cup: '∪',
    cap: '∩',
    emptyset: '∅',
    forall: '∀',
    exists: '∃',
    neg: '¬',
    wedge: '∧',
    vee: '∨',
    sum: '∑',
    prod: '∏',
    int: '∫',
    partial: '∂',
    nabla: '∇',
    to: '→',
    rightarrow: '→',
    leftarrow: '←',
    Rightarrow: '⇒',
    Leftarrow: '⇐',
    leftrightarrow: '↔',
    mapsto: '↦',
    ell: 'ℓ',
    circ: '∘',
    star: '⋆',
    ast: '∗',
    prime: '′',
    top: '⊤',
    perp: '⊥',
    mid: '∣',
    langle: '⟨',
    rangle: '⟩',
    lceil: '⌈',
    rceil: '⌉',
    lfloor: '⌊',
    rfloor: '⌋',
    '{': '{',
    '}': '}',
    '%': '%',
    $: '$',
    '&': '&',
    _: '_',
    '#': '#',
    ',': ' ',
    ';': ' ',
    ' ': ' ',
    '!': '',
    quad: ' ',
    qquad: '  ',
    log: 'log',
    exp: 'exp',
    min: 'min',
    max: 'max',
    arg: 'arg',
    sin: 'sin',
    cos: 'cos',
    lim: 'lim',
    left: '',
    right: '',
    big: '',
    Big: '',
    bigl: '',
    bigr: '',
    displaystyle: '',
    textstyle: '',
    limits: '',
  }),
);
const DOUBLE_STRUCK = new Map(Object.entries({ R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', E: '𝔼', P: 'ℙ' }));
/** Commands whose one argument is shown as it is (fonts and text). */
const PLAIN_ARGUMENT = new Set([
  'mathrm',
  'text',
  'textrm',
  'mathit',
  'mathsf',
  'mathtt',
  'operatorname',
  'mathcal',
  'mathscr',
  'boldsymbol',
  'bm',
  'hat',
  'tilde',
  'bar',
  'vec',
  'overline',
  'widetilde',
  'widehat',
  'emph',
  'textit',
]);
const BOLD_ARGUMENT = new Set(['mathbf', 'textbf']);
const FRACTIONS = new Set(['frac', 'tfrac', 'dfrac']);

/** Groups, scripts and arguments nested deeper than this are shown as written. */
export const MAX_DEPTH = 24;
/** A formula longer than this is shown as written. */
export const MAX_MATH_LENGTH = 4000;

/** Rendered math: text, or a script or bold part holding more. */
type Node = string | { tag: 'sup' | 'sub' | 'b'; children: Node[] };

/** Escapes `text` and renders the math in it; text that cannot be rendered is shown escaped, as written. */
export function texToHtml(text: string): string {
  return renderOr('TeX as HTML', text, renderHtml, escapeHtml);
}

/** Plain-text readings of titles kept: pages name each card's title in several buttons, page after page. */
const TEXT_CACHE_SIZE = 5_000;
const textCache = new Map<string, string>();

/** The same reading as plain text (x^2, a_i), for feeds, mail, page titles and button names. */
export function texToText(text: string): string {
  const cached = textCache.get(text);
  if (cached !== undefined) return cached;
  const rendered = renderOr('TeX as text', text, renderText, (written) => written);
  if (textCache.size >= TEXT_CACHE_SIZE) textCache.clear();
  if (text.length <= 1_000) textCache.set(text, rendered);
  return rendered;
}

/** texToHtml with the http(s) URLs outside math as links: for abstracts, which name code and data by URL. */
export function texToHtmlLinked(text: string): string {
  return renderOr('TeX as HTML', text, (written) => renderHtml(written, escapeHtmlLinked), escapeHtml);
}

function renderHtml(text: string, renderText = escapeHtml): string {
  return splitMath(text)
    .map((part) => (part.math ? `<span class="math">${nodesToHtml(renderPart(part))}</span>` : renderText(part.text)))
    .join('');
}

function renderText(text: string): string {
  return splitMath(text)
    .map((part) => (part.math ? nodesToText(renderPart(part)) : part.text))
    .join('');
}

function renderPart(part: TextPart): Node[] {
  const source = part.text.trim();
  if (source.length > MAX_MATH_LENGTH) return [source];
  const reader = new Reader(source);
  const nodes: Node[] = [];
  while (!reader.done) nodes.push(...renderAtom(reader, 0));
  return nodes;
}

function nodesToHtml(nodes: Node[]): string {
  return nodes
    .map((node) => (typeof node === 'string' ? escapeHtml(node) : `<${node.tag}>${nodesToHtml(node.children)}</${node.tag}>`))
    .join('');
}

function nodesToText(nodes: Node[]): string {
  const marks = { sup: '^', sub: '_', b: '' };
  return nodes.map((node) => (typeof node === 'string' ? node : marks[node.tag] + nodesToText(node.children))).join('');
}

function textLength(nodes: Node[]): number {
  return nodes.reduce((sum: number, node) => sum + (typeof node === 'string' ? node.length : textLength(node.children)), 0);
}

class Reader {
  position = 0;
  constructor(readonly source: string) {}
  get done(): boolean {
    return this.position >= this.source.length;
  }
  peek(): string {
    return this.source[this.position] ?? '';
  }
  next(): string {
    return this.source[this.position++] ?? '';
  }
}

/** One unit: a group, a command, a script or one character. */
function renderAtom(reader: Reader, depth: number): Node[] {
  if (depth > MAX_DEPTH) return [readRest(reader)];
  const char = reader.next();
  if (char === '{') return renderGroup(reader, depth + 1);
  if (char === '}') return [];
  if (char === '\\') return renderCommand(reader, depth);
  if (char === '^' || char === '_') {
    return [{ tag: char === '^' ? 'sup' : 'sub', children: reader.done ? [] : renderAtom(reader, depth + 1) }];
  }
  if (char === '~') return [' '];
  return [char];
}

function renderGroup(reader: Reader, depth: number): Node[] {
  const nodes: Node[] = [];
  while (!reader.done && reader.peek() !== '}') nodes.push(...renderAtom(reader, depth));
  reader.next();
  return nodes;
}

function readName(reader: Reader): string {
  let name = '';
  while (/[a-zA-Z]/.test(reader.peek())) name += reader.next();
  return name || reader.next();
}

function renderArgument(reader: Reader, depth: number): Node[] {
  while (reader.peek() === ' ') reader.next();
  return reader.done ? [] : renderAtom(reader, depth + 1);
}

function renderCommand(reader: Reader, depth: number): Node[] {
  const name = readName(reader);
  const symbol = SYMBOLS.get(name);
  if (symbol !== undefined) return [symbol];
  if (name === 'mathbb') {
    const argument = renderArgument(reader, depth);
    const letter = argument.length === 1 && typeof argument[0] === 'string' ? DOUBLE_STRUCK.get(argument[0]) : undefined;
    return letter ? [letter] : argument;
  }
  if (PLAIN_ARGUMENT.has(name)) return renderArgument(reader, depth);
  if (BOLD_ARGUMENT.has(name)) return [{ tag: 'b', children: renderArgument(reader, depth) }];
  if (FRACTIONS.has(name)) return [...bracketed(renderArgument(reader, depth)), '/', ...bracketed(renderArgument(reader, depth))];
  if (name === 'sqrt') return ['√', ...bracketed(renderArgument(reader, depth))];
  return [`\\${name}${reader.peek() === '{' ? readRawGroup(reader) : ''}`];
}

/** What is left of a formula nested too deep, as written. */
function readRest(reader: Reader): string {
  const rest = reader.source.slice(reader.position);
  reader.position = reader.source.length;
  return rest;
}

/** An unknown command's argument, as written. */
function readRawGroup(reader: Reader): string {
  const start = reader.position;
  let depth = 0;
  do {
    const char = reader.next();
    if (char === '{') depth++;
    if (char === '}') depth--;
  } while (depth > 0 && !reader.done);
  return reader.source.slice(start, reader.position);
}

/** Parentheses around more than one symbol, so a/b and √x stay light. */
function bracketed(nodes: Node[]): Node[] {
  return textLength(nodes) > 1 ? ['(', ...nodes, ')'] : nodes;
}

/** The first `maxWords` words and "…", never stopping inside $math$ (after an odd number of unescaped dollars). */
export function excerpt(text: string, maxWords: number): string {
  const space = /\s+/g;
  let words = 1;
  let cut = -1;
  let dollars = 0;
  let nextDollar = text.indexOf('$');
  for (let match = space.exec(text); match; match = space.exec(text)) {
    for (; nextDollar >= 0 && nextDollar < match.index; nextDollar = text.indexOf('$', nextDollar + 1))
      if (text[nextDollar - 1] !== '\\') dollars++;
    if (words >= maxWords && dollars % 2 === 0) {
      cut = match.index;
      break;
    }
    words++;
  }
  const shown = cut < 0 ? text : text.slice(0, cut);
  return `${shown.replace(/\s+/g, ' ')}${cut < 0 ? '' : ' …'}`;
}
