import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { interleave, selectPapers, SECTION_KINDS, type SectionCandidates } from './digest-selection.ts';

const candidates = (ids: string[], reason: string) => ids.map((paperId) => ({ paperId, reason }));

describe('choosing the papers of a digest', () => {
  it('lets sections take turns, skips papers sent before, and keeps every reason of a paper', async () => {
    const sections: SectionCandidates[] = [
      { kind: 'alerts', candidates: candidates(['a1', 'shared', 'a2'], 'matches your alert “codec”') },
      { kind: 'categories', candidates: candidates(['c1', 'c2', 'c3', 'c4', 'shared'], 'new in cs.SD') },
      { kind: 'trending', candidates: candidates(['old', 't1', 't2'], '#1 trending today') },
    ];
    const chosen = selectPapers(sections, new Set(['old']), 6);
    expect(chosen.map((item) => item.paperId)).toEqual(['a1', 'shared', 'c1', 'c2', 't1', 't2']);
    expect(chosen.find((item) => item.paperId === 'shared')).toEqual({
      paperId: 'shared',
      section: 'alerts',
      reasons: ['matches your alert “codec”', 'new in cs.SD'],
    });
    expect(selectPapers(sections, new Set(), 100)).toHaveLength(10);
  });

  it('interleaves the lists of several alerts so that each is heard', async () => {
    const merged = interleave([candidates(['a', 'b', 'c'], 'x'), candidates(['d', 'a'], 'y'), []]);
    expect(merged.map((candidate) => candidate.paperId)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('never repeats a paper, never sends one sent before, never exceeds the number asked for', async () => {
    const id = fc.constantFrom(...'abcdefghijkl'.split(''));
    const section = fc.record({
      kind: fc.constantFrom(...SECTION_KINDS),
      candidates: fc.array(fc.record({ paperId: id, reason: fc.string() })),
    });
    fc.assert(
      fc.property(fc.array(section, { maxLength: 4 }), fc.array(id), fc.integer({ min: 0, max: 12 }), (sections, sent, max) => {
        const chosen = selectPapers(sections, new Set(sent), max);
        const ids = chosen.map((item) => item.paperId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBeLessThanOrEqual(max);
        expect(ids.filter((paper) => sent.includes(paper))).toEqual([]);
        const offered = new Set(sections.flatMap((s) => s.candidates.map((c) => c.paperId)).filter((paper) => !sent.includes(paper)));
        expect(ids.length).toBe(Math.min(max, offered.size));
      }),
    );
  });
});
