import { describe, expect, it } from 'vitest';
import { excerpt, texToHtml, texToText } from './tex.ts';

describe('TeX math', () => {
  it('renders symbols, scripts, blackboard letters and fractions readably', async () => {
    expect(texToHtml('cost $O(n^2)$ and $\\alpha_{t+1} \\leq \\frac{1}{2}$ on $\\mathbb{R}^d$')).toBe(
      'cost <span class="math">O(n<sup>2</sup>)</span> and <span class="math">α<sub>t+1</sub> ≤ 1/2</span> on <span class="math">ℝ<sup>d</sup></span>',
    );
    expect(texToText('\\(\\sqrt{x+1}\\) is $\\mathbf{fast}$')).toBe('√(x+1) is fast');
  });

  it('escapes everything, inside math and out, and leaves what it cannot read as written', async () => {
    expect(texToHtml('a < b & "c" $x<y$ <script>')).toBe('a &#60; b &#38; &#34;c&#34; <span class="math">x&#60;y</span> &#60;script&#62;');
    expect(texToHtml('$\\unknowncmd{x}$')).toBe('<span class="math">\\unknowncmd{x}</span>');
    expect(texToHtml('unbalanced $x^{2')).toBe('unbalanced $x^{2');
  });
});

describe('excerpt', () => {
  it('keeps the first words and never stops inside math', async () => {
    expect(excerpt('one two  three\nfour', 2)).toBe('one two …');
    expect(excerpt('one two three', 3)).toBe('one two three');
    expect(excerpt('we use $a + b$ here and there', 3)).toBe('we use $a + b$ …');
    expect(excerpt('costs \\$5 and more words', 2)).toBe('costs \\$5 …');
  });
});
