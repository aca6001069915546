import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanLine, cleanName, cleanText, convertLatexAccents, stripHtml } from './text.ts';

describe('cleanText', () => {
  it('collapses hard-wrapped lines and keeps arXiv paragraph breaks', async () => {
    const abstract =
      '  First paragraph wraps\nhere and  here.\n  Second paragraph starts indented\nand wraps.\n\nThird after a blank line.';
    expect(cleanText(abstract)).toBe(
      'First paragraph wraps here and here.\n\nSecond paragraph starts indented and wraps.\n\nThird after a blank line.',
    );
  });

  it('removes HTML tags and script content and decodes entities', async () => {
    expect(cleanText('<p>Deep <b>nets</b> &amp; <i>trees</i>&#33;</p><script>alert(1)</script>')).toBe('Deep nets & trees!');
    expect(stripHtml('a &lt;b&gt; &#x263A; &bogus;')).toBe('a <b> ☺ &bogus;');
  });

  it('keeps math that merely looks like a tag', async () => {
    expect(cleanText('for $a<b$ and $c>d$')).toBe('for $a<b$ and $c>d$');
  });

  it('drops control characters', async () => {
    expect(cleanText('null\u0000 byte\u0007 and\u001b escape')).toBe('null byte and escape');
  });

  it('folds every run of whitespace but a paragraph break into one space, as one space for each run would', () => {
    // Words, spaces, tabs, newlines, controls and Unicode spaces in any order.
    const piece = fc.constantFrom(
      'word',
      'x',
      ' ',
      '  ',
      '\t',
      '\n',
      '\n\n',
      '\n   ',
      '\u0000',
      '\u00a0',
      '\u2003',
      '\u3000',
      '\u2029',
      '\r\n',
    );
    // Each run of whitespace and control characters (but U+2029) one space, paragraph breaks kept.
    const everyRun = (text: string) =>
      text
        .replace(/(?<!\s)(?:\s*\n[ \t]*\n\s*|\s*\n[ \t]{2,}(?=\S))/g, '\u2029')
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0020\u007f\u00a0\u1680\u2000-\u200a\u2028\u202f\u205f\u3000\ufeff]+/g, ' ')
        .replace(/ ?\u2029[ \u2029]*/g, '\n\n')
        .trim();
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        expect(cleanText(pieces.join(''))).toBe(everyRun(pieces.join('')));
      }),
    );
  });

  it('turns LaTeX accents into Unicode and leaves math commands alone', async () => {
    expect(convertLatexAccents('Bal\\\'azs, Schr\\"odinger, {\\"u}ber, \\c{c}a, \\v{S}koda')).toBe('Balázs, Schrödinger, über, ça, Škoda');
    expect(cleanText('$\\upsilon$ and $\\hat{x}$')).toBe('$\\upsilon$ and $\\hat{x}$');
  });
});

describe('cleanName and cleanLine', () => {
  it('cleans names with LaTeX letters and braces', async () => {
    expect(cleanName('Kenneth {\\O}stergaard and \\L{}ukasz')).toBe('Kenneth Østergaard and Łukasz');
    expect(cleanName("  Ren\\'e\n  Descartes ")).toBe('René Descartes');
  });

  it('puts a multi-paragraph value on one line', async () => {
    expect(cleanLine('Density dependence of the\n  state: A model')).toBe('Density dependence of the state: A model');
  });
});
