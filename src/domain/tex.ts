// TeX math in titles and abstracts ($x^2$, \(\alpha\)) as readable HTML:
// Unicode symbols, <sup>/<sub>, no script and no web fonts. Everything else is
// escaped; what cannot be read is shown as written.
import { escapeHtml } from './html.ts';

const SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', vartheta: 'ϑ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', upsilon: 'υ',
  phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π',
  Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω', times: '×', cdot: '·', cdots: '⋯', ldots: '…', dots: '…', pm: '±', mp: '∓',
  leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼', simeq: '≃', equiv: '≡', propto: '∝',
  ll: '≪', gg: '≫', infty: '∞', in: '∈', notin: '∉', subset: '⊂', subseteq: '⊆', cup: '∪', cap: '∩', emptyset: '∅',
  forall: '∀', exists: '∃', neg: '¬', wedge: '∧', vee: '∨', sum: '∑', prod: '∏', int: '∫', partial: '∂', nabla: '∇',
  to: '→', rightarrow: '→', leftarrow: '←', Rightarrow: '⇒', Leftarrow: '⇐', leftrightarrow: '↔', mapsto: '↦', ell: 'ℓ',
  circ: '∘', star: '⋆', ast: '∗', prime: '′', top: '⊤', perp: '⊥', mid: '∣', langle: '⟨', rangle: '⟩', lceil: '⌈', rceil: '⌉',
  lfloor: '⌊', rfloor: '⌋', '{': '{', '}': '}', '%': '%', '$': '$', '&': '&', '_': '_', '#': '#', ',': ' ', ';': ' ', ' ': ' ', '!': '',
  quad: ' ', qquad: '  ', log: 'log', exp: 'exp', min: 'min', max: 'max', arg: 'arg', sin: 'sin', cos: 'cos', lim: 'lim',
  left: '', right: '', big: '', Big: '', bigl: '', bigr: '', displaystyle: '', textstyle: '', limits: '',
};
const DOUBLE_STRUCK: Record<string, string> = { R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', E: '𝔼', P: 'ℙ' };
/** Commands whose one argument is shown as it is (fonts and text). */
const PLAIN_ARGUMENT = new Set(['mathrm', 'text', 'textrm', 'mathit', 'mathsf', 'mathtt', 'operatorname', 'mathcal', 'mathscr', 'boldsymbol', 'bm', 'hat', 'tilde', 'bar', 'vec', 'overline', 'widetilde', 'widehat', 'emph', 'textit']);
const BOLD_ARGUMENT = new Set(['mathbf', 'textbf']);
const MATH = /\$\$([^$]+)\$\$|\$([^$]+)\$|\\\((.+?)\\\)/gs;

/** Escapes `text` and renders the math in it. */
export function texToHtml(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(MATH)) {
    html += escapeHtml(text.slice(last, match.index));
    html += `<span class="math">${renderMath(match[1] ?? match[2] ?? match[3] ?? '')}</span>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

/** The same reading as plain text, for feeds, titles and BibTeX-free places. */
export function texToText(text: string): string {
  return texToHtml(text)
    .replace(/<sup>(.*?)<\/sup>/g, '^$1')
    .replace(/<sub>(.*?)<\/sub>/g, '_$1')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
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

function renderMath(source: string): string {
  const reader = new Reader(source.trim());
  let html = '';
  while (!reader.done) html += renderAtom(reader);
  return html;
}

/** One unit: a group, a command, a script or one character. */
function renderAtom(reader: Reader): string {
  const char = reader.next();
  if (char === '{') return renderGroup(reader);
  if (char === '}') return '';
  if (char === '\\') return renderCommand(reader);
  if (char === '^' || char === '_') {
    const tag = char === '^' ? 'sup' : 'sub';
    return `<${tag}>${reader.done ? '' : renderAtom(reader)}</${tag}>`;
  }
  if (char === '~') return ' ';
  return escapeHtml(char);
}

function renderGroup(reader: Reader): string {
  let html = '';
  while (!reader.done && reader.peek() !== '}') html += renderAtom(reader);
  reader.next();
  return html;
}

function readName(reader: Reader): string {
  let name = '';
  while (/[a-zA-Z]/.test(reader.peek())) name += reader.next();
  return name || reader.next();
}

function renderArgument(reader: Reader): string {
  while (reader.peek() === ' ') reader.next();
  return reader.done ? '' : renderAtom(reader);
}

function renderCommand(reader: Reader): string {
  const name = readName(reader);
  if (name in SYMBOLS) return escapeHtml(SYMBOLS[name]!);
  if (name === 'mathbb') {
    const argument = renderArgument(reader);
    return DOUBLE_STRUCK[argument] ?? argument;
  }
  if (PLAIN_ARGUMENT.has(name)) return renderArgument(reader);
  if (BOLD_ARGUMENT.has(name)) return `<b>${renderArgument(reader)}</b>`;
  if (name === 'frac' || name === 'tfrac' || name === 'dfrac') return `${bracketed(renderArgument(reader))}/${bracketed(renderArgument(reader))}`;
  if (name === 'sqrt') return `√${bracketed(renderArgument(reader))}`;
  return escapeHtml(`\\${name}${reader.peek() === '{' ? readRawGroup(reader) : ''}`);
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
function bracketed(html: string): string {
  return html.replace(/<[^>]+>/g, '').length > 1 ? `(${html})` : html;
}

/** The first `maxWords` words and "…", never stopping inside $math$. */
export function excerpt(text: string, maxWords: number): string {
  const space = /\s+/g;
  let words = 1;
  let cut = -1;
  for (let match = space.exec(text); match; match = space.exec(text)) {
    if (words >= maxWords && !insideMath(text, match.index)) {
      cut = match.index;
      break;
    }
    words++;
  }
  const shown = cut < 0 ? text : text.slice(0, cut);
  return `${shown.replace(/\s+/g, ' ')}${cut < 0 ? '' : ' …'}`;
}

/** Whether `end` falls inside $math$: an odd number of unescaped dollars before it. */
function insideMath(text: string, end: number): boolean {
  let dollars = 0;
  for (let at = text.indexOf('$'); at >= 0 && at < end; at = text.indexOf('$', at + 1)) if (text[at - 1] !== '\\') dollars++;
  return dollars % 2 === 1;
}
