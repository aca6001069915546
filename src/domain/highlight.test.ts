import { describe, expect, it } from 'vitest';
import { highlight, MARK_END, MARK_START, snippet } from './highlight.ts';
import { termOf } from './terms.ts';

const terms = (...words: string[]) => new Set(words.map(termOf));
const shown = (marked: string) => marked.replaceAll(MARK_START, '[').replaceAll(MARK_END, ']');

describe('highlight', () => {
  it('marks every word whose stem is sought, whatever its case, form or accents', async () => {
    expect(shown(highlight('Neural Codecs for speech: a codec-free Modèle', terms('codec', 'model')))).toBe(
      'Neural [Codecs] for speech: a [codec]-free [Modèle]',
    );
  });

  it('leaves a text without matches as it is', async () => {
    expect(highlight('Graph neural networks', terms('codec'))).toBe('Graph neural networks');
  });
});

describe('snippet', () => {
  const filler = (count: number, word = 'filler') => Array.from({ length: count }, () => word).join(' ');

  it('shows the window with the most distinct matches, cut with ellipses', async () => {
    const text = `${filler(30)} codec ${filler(30)} speech codec vocoder ${filler(30)}`;
    const excerpt = shown(snippet(text, terms('speech', 'codec', 'vocoder'), 10));
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).toContain('[speech] [codec] [vocoder]');
    expect(excerpt.split(/\s+/).length).toBeLessThanOrEqual(10);
  });

  it('keeps a short text whole', async () => {
    expect(shown(snippet('A speech codec', terms('codec'), 40))).toBe('A speech [codec]');
  });

  it('starts at the beginning, without an ellipsis, when nothing matches', async () => {
    const excerpt = snippet(filler(50), terms('codec'), 10);
    expect(excerpt).toBe(`${filler(10)}…`);
  });
});
