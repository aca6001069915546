// Every renderer and parser of outside text, fed random and hostile input: it
// never throws, its output stays well-formed, nesting is cut, and inputs that
// would take quadratic time (minutes at these sizes) finish within the test's time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { excerpt, texToHtml, texToHtmlLinked, texToText, MAX_DEPTH } from './tex.ts';
import { parseIntent } from './sign-in-intent.ts';
import { reportRenderFailuresTo, renderOr, type RenderFailure } from './fail-soft.ts';
import { cleanName, cleanText, stripHtml } from './text.ts';
import { parseBibtex } from './bibtex-parse.ts';
import { toBibtex } from './bibtex.ts';
import { highlight, snippet, MARK_END, MARK_START } from './highlight.ts';
import { termOf } from './terms.ts';

const TEX_PIECES = [
  '$',
  '$$',
  '\\(',
  '\\)',
  '{',
  '}',
  '^',
  '_',
  '\\',
  '\\frac',
  '\\sqrt',
  '\\mathbb',
  '\\mathbf',
  '\\text',
  '\\alpha',
  '\\constructor',
  '\\toString',
  '\\__proto__',
  '\\hasOwnProperty',
  '__proto__',
  'x',
  ' ',
  '<',
  '&',
  '"',
  '\n',
];
const texLike = fc.array(fc.constantFrom(...TEX_PIECES), { maxLength: 200 }).map((pieces) => pieces.join(''));
const anyText = fc.oneof(texLike, fc.string({ unit: 'binary', maxLength: 300 }));

/** Hostile texts of about a megabyte: each took quadratic time or blew the stack in some renderer. */
const HOSTILE = [
  `$${'{'.repeat(1_000_000)}$`,
  `$${'\\sqrt'.repeat(200_000)}$`,
  `$${'^'.repeat(1_000_000)}$`,
  '\\('.repeat(500_000),
  '$$a'.repeat(300_000),
  `$ ${'a '.repeat(500_000)}`,
  ' '.repeat(1_000_000),
  '<script>'.repeat(120_000),
  '<a '.repeat(300_000),
  "\\' ".repeat(300_000),
];

let failures: RenderFailure[] = [];
beforeEach(async () => {
  failures = [];
  reportRenderFailuresTo((failure) => failures.push(failure));
});
afterEach(() => reportRenderFailuresTo(() => {}));

/** The HTML the TeX renderer may write, less its own tags, holds no markup of the input's. */
function expectWellFormedHtml(html: string): void {
  const stack: string[] = [];
  for (const tag of html.matchAll(/<(\/?)(span(?: class="math")?|sup|sub|b)>/g)) {
    const name = tag[2]!.split(' ')[0]!;
    if (tag[1]) expect(stack.pop()).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
  expect(html.replace(/<\/?(span(?: class="math")?|sup|sub|b)>/g, '')).not.toMatch(/[<>"']/);
}

function nestingOf(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const tag of html.matchAll(/<(\/?)(?:sup|sub|b)>/g)) deepest = Math.max(deepest, (depth += tag[1] ? -1 : 1));
  return deepest;
}

describe('TeX rendering of hostile text', () => {
  it('never fails, writes well-formed HTML and bounded nesting, for any text', async () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const html = texToHtml(text);
        expectWellFormedHtml(html);
        expect(nestingOf(html)).toBeLessThanOrEqual(MAX_DEPTH + 1);
        expect(texToText(text)).not.toMatch(/<(span|sup|sub|b)\b/);
        expect(failures).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('links only http(s) addresses in abstracts, escaped, and stays well-formed for any text', async () => {
    const url = fc.oneof(
      fc.webUrl(),
      fc.constantFrom('javascript:alert(1)', 'data:text/html,<b>x</b>', 'http://a.b/"onmouseover=alert(1)', 'https://x.org/<svg>'),
    );
    const withUrls = fc.array(fc.oneof(texLike, url), { maxLength: 12 }).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.oneof(anyText, withUrls), (text) => {
        const html = texToHtmlLinked(text);
        const links = [...html.matchAll(/<a href="([^"]*)" rel="noopener nofollow">([^<]*)<\/a>/g)];
        for (const [, href, shown] of links) {
          expect(href).toMatch(/^https?:\/\//i);
          expect(href).toBe(shown);
          expect(href).not.toMatch(/[<>"']/);
        }
        expectWellFormedHtml(html.replace(/<a href="[^"]*" rel="noopener nofollow">|<\/a>/g, ''));
        expect(failures).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    expect(texToHtmlLinked('Code: https://github.com/a/b. See $x^2$.')).toBe(
      'Code: <a href="https://github.com/a/b" rel="noopener nofollow">https://github.com/a/b</a>. See <span class="math">x<sup>2</sup></span>.',
    );
    expect(texToHtmlLinked('javascript:alert(1) and (https://x.org/a_b)')).toBe(
      'javascript:alert(1) and (<a href="https://x.org/a_b" rel="noopener nofollow">https://x.org/a_b</a>)',
    );
  });

  it('reads only a vote or a save of a plain paper id as what to do after sign-in', async () => {
    expect(parseIntent('vote:2608.19880')).toEqual({ action: 'vote', paperId: '2608.19880' });
    expect(parseIntent('save:hep-th/9901001')).toEqual({ action: 'save', paperId: 'hep-th/9901001' });
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const intent = parseIntent(text);
        if (intent) expect(`${intent.action}:${intent.paperId}`).toBe(text);
        if (intent) expect(intent.paperId).toMatch(/^[\w./-]{1,64}$/);
      }),
    );
    for (const text of ['delete:1', 'vote:', 'vote:<svg>', `vote:${'1'.repeat(65)}`, 'vote:1 2']) expect(parseIntent(text)).toBeNull();
  });

  it('shows names of built-in object members as written', async () => {
    expect(texToHtml('$\\constructor$')).toBe('<span class="math">\\constructor</span>');
    expect(texToHtml('$\\toString x$')).toBe('<span class="math">\\toString x</span>');
    expect(texToHtml('$\\mathbb{__proto__}$')).toBe('<span class="math"><sub><sub>p</sub></sub>roto<sub><sub></sub></sub></span>');
    expect(texToText('$\\hasOwnProperty{a}$ and $\\mathbb{constructor}$')).toBe('\\hasOwnProperty{a} and constructor');
    expect(failures).toEqual([]);
  });

  it('cuts nesting past its limit and shows the rest as written', async () => {
    const deep = `$${'{'.repeat(40_000)}x${'}'.repeat(40_000)}$`;
    const html = texToHtml(deep);
    expectWellFormedHtml(html);
    expect(html).toContain('{{{x}}}');
    expect(nestingOf(texToHtml(`$${'^'.repeat(1000)}y$`))).toBe(MAX_DEPTH + 1);
  });

  it('finishes every megabyte-sized hostile text, in pages and in plain text', { timeout: 60_000 }, () => {
    for (const text of HOSTILE) {
      expectWellFormedHtml(texToHtml(text));
      expect(texToText(text).length).toBeGreaterThan(0);
      expect(excerpt(text, 45).length).toBeLessThanOrEqual(text.length + 2);
    }
    expect(failures).toEqual([]);
  });

  it('never cuts an excerpt inside math', async () => {
    fc.assert(
      fc.property(texLike, fc.integer({ min: 1, max: 30 }), (text, words) => {
        const shown = excerpt(text, words);
        const cut = shown.endsWith(' …') ? shown.slice(0, -2) : shown;
        expect(text.replace(/\s+/g, ' ').startsWith(cut)).toBe(true);
        const dollars = [...cut.matchAll(/(?<!\\)\$/g)].length;
        if (shown.endsWith(' …')) expect(dollars % 2).toBe(0);
      }),
    );
  });
});

describe('one record that fails to render', () => {
  it('is shown as written, and reported once however often it is met', async () => {
    const broken = () => {
      throw new Error('renderer bug');
    };
    expect(renderOr('a card', '<b>raw</b>', broken, (text) => `escaped ${text}`)).toBe('escaped <b>raw</b>');
    expect(renderOr('a card', '<b>raw</b>', broken, (text) => `escaped ${text}`)).toBe('escaped <b>raw</b>');
    expect(renderOr('a card', 'another', broken, (text) => text)).toBe('another');
    expect(failures.map((failure) => failure.sample)).toEqual(['<b>raw</b>', 'another']);
  });
});

describe('cleaning of upstream text', () => {
  it('never fails, and leaves no tag, control character or run of spaces', async () => {
    const htmlLike = fc
      .array(
        fc.constantFrom(
          '<',
          '>',
          '/',
          'script',
          'style',
          'b',
          'p',
          ' ',
          '\n',
          '\t',
          '&amp;',
          '&#x1F600;',
          '&#0;',
          "\\'e",
          '{',
          '}',
          'a',
          '\u0000',
        ),
        { maxLength: 120 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(htmlLike, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const clean = cleanText(text);
        expect(clean).toBe(clean.trim());
        // eslint-disable-next-line no-control-regex
        expect(clean).not.toMatch(/[\u0000-\u0009\u000b-\u001f]| {2}/);
        expect(stripHtml(text)).not.toMatch(/<script\b[^<>]*>[\s\S]*<\/script\s*>/i);
        cleanName(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('finishes every megabyte-sized hostile text', { timeout: 60_000 }, () => {
    for (const text of HOSTILE) expect(typeof cleanText(text)).toBe('string');
    expect(cleanText(`${' '.repeat(500_000)}\n\n${' '.repeat(500_000)}x`)).toBe('x');
    expect(stripHtml('a<script>x</script>b<style>y</STYLE >c<script>never closed')).toBe('a b c never closed');
  });
});

describe('BibTeX from outside', () => {
  it('never fails on any text, and every entry it reads has a short key', async () => {
    const bibLike = fc
      .array(
        fc.constantFrom(
          '@misc{',
          '@article(',
          '@comment{',
          'key,',
          ' eprint = ',
          '{2401.00001}',
          '"',
          '{',
          '}',
          '(',
          ')',
          ',',
          '=',
          '\n',
          'doi = {10.1/x}',
          'arXiv:2301.12345',
          'a',
        ),
        { maxLength: 150 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(bibLike, fc.string({ maxLength: 300 })), (text) => {
        for (const entry of parseBibtex(text)) {
          expect(entry.key.length).toBeLessThanOrEqual(100);
          if (entry.problem) expect(entry.arxivId).toBeNull();
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a megabyte of unclosed entries in one pass, reporting each', { timeout: 60_000 }, () => {
    const entries = parseBibtex('@a{'.repeat(330_000));
    expect(entries).toHaveLength(330_000);
    expect(entries.every((entry) => entry.problem?.startsWith('not closed'))).toBe(true);
    expect(parseBibtex(`@misc{k, note = ${'a'.repeat(1_000_000)}}`)).toEqual([{ key: 'k', arxivId: null, doi: null }]);
    expect(parseBibtex(`@misc{k,${' x = 1,'.repeat(150_000)} eprint = {2401.00001}}`)[0]!.arxivId).toBe('2401.00001');
  });

  it('reads back every field it writes, whatever the field holds', async () => {
    const field = fc.string({ unit: 'binary', maxLength: 60 });
    fc.assert(
      fc.property(field, fc.array(field, { maxLength: 3 }), field, (title, authors, journalRef) => {
        const written = toBibtex({
          id: '2601.00001',
          title,
          authors,
          publishedAt: '2026-01-05',
          primaryCategory: 'cs.LG',
          doi: '10.1000/xyz',
          journalRef,
        });
        expect(parseBibtex(written)).toEqual([expect.objectContaining({ arxivId: '2601.00001', doi: '10.1000/xyz' })]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('highlighting', () => {
  it('keeps the text and marks only matched words, for any text', async () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.array(fc.constantFrom('model', 'speech', 'a', 'é'), { maxLength: 3 }),
        (text, words) => {
          const terms = new Set(words.map(termOf));
          const marked = highlight(text, terms);
          expect(marked.replaceAll(MARK_START, '').replaceAll(MARK_END, '')).toBe(text);
          expect(snippet(text, terms, 10).length).toBeLessThanOrEqual(marked.length + 2);
        },
      ),
    );
  });
});
