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
