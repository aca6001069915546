import { describe, expect, it } from 'vitest';
import { paperTerms } from './paper-terms.ts';
import { buildSpace, indexVectors, vectorOf, type SparseVector } from './term-space.ts';
import { rankForReader, type CandidateFacts, type LikedPaper, type RankingInput } from './recommend-ranking.ts';
import { reasonText } from './recommend-reasons.ts';

const CODEC = [
  'neural speech codec residual vector quantization low bitrate audio tokens',
  'speech tokenizer codec semantic acoustic tokens low bitrate',
  'audio codec language model discrete speech tokens quantization',
  'streaming speech codec decoder latency bitrate quantizer',
  'multilingual speech codec latent rate sampling tokens',
  'codec tokens text to speech language model quantization',
];
const GRAPH = [
  'graph neural network message passing node classification',
  'graph neural network link prediction knowledge graph nodes',
  'message passing graph network expressiveness node embeddings',
];
const OTHER = [
  'vision transformer image segmentation masks',
  'reinforcement learning robot manipulation policy',
  'protein folding structure diffusion',
];

interface Paper {
  id: string;
  text: string;
  categories?: string[];
  authors?: string[];
}

/**
 * Candidates: each topic's texts with a varying extra word, so that no two are the same, among
 * papers on other things (as in any month of papers, no topic's words are in most of them).
 */
function candidatePapers(): Paper[] {
  const papers: Paper[] = Array.from({ length: 400 }, (_, i) => ({
    id: `filler-${i}`,
    text: `topic${i % 37} field${i % 41} method${i % 43} result${i % 47}`,
  }));
  // A paper that shares one word with a graph paper among two hundred of its own: faintly like it.
  papers.push({ id: 'faint-0', text: `classification ${Array.from({ length: 200 }, (_, i) => `rare${i}word`).join(' ')}` });
  const extras = ['benchmark', 'efficient', 'robust', 'scalable', 'survey', 'analysis', 'dataset', 'training'];
  extras.forEach((extra, round) => {
    CODEC.forEach((text, i) => papers.push({ id: `codec-${round}-${i}`, text: `${text} ${extra}`, categories: ['eess.AS'] }));
    GRAPH.forEach((text, i) => papers.push({ id: `graph-${round}-${i}`, text: `${text} ${extra}`, categories: ['cs.LG'] }));
    OTHER.forEach((text, i) =>
      papers.push({ id: `other-${round}-${i}`, text: `${text} ${extra}`, categories: ['cs.CV'], authors: [`author ${i}`] }),
    );
  });
  return papers;
}

function setUp(likedTexts: { id: string; text: string }[], options: Partial<RankingInput> & { dislikedTexts?: string[] } = {}) {
  const candidates = candidatePapers();
  const space = buildSpace(candidates.map((paper) => paperTerms(paper.text, '')));
  const vector = (text: string): SparseVector => vectorOf(space, paperTerms(text, ''));
  const liked: LikedPaper[] = likedTexts.map((paper) => ({
    paperId: paper.id,
    title: paper.text,
    vector: vector(paper.text),
    source: { kind: 'saved', collection: null },
  }));
  const facts: CandidateFacts[] = candidates.map((paper) => ({
    paperId: paper.id,
    authors: paper.authors ?? [],
    categories: paper.categories ?? [],
  }));
  const input: RankingInput = {
    index: indexVectors(candidates.map((paper) => vector(paper.text))),
    candidates: facts,
    liked,
    notInterested: (options.dislikedTexts ?? []).map(vector),
    authors: new Set(),
    categories: new Set(),
    seen: new Set(),
    limit: 10,
    ...options,
  };
  return rankForReader(input);
}

const topic = (id: string) => id.split('-')[0];

describe('recommendations for one reader', () => {
  it('give a small interest places beside a large one', async () => {
    const liked = [...CODEC.map((text, i) => ({ id: `saved-codec-${i}`, text })), { id: 'saved-graph', text: GRAPH[0]! }];
    // One graph paper against six on codecs.
    const top = setUp(liked).map((item) => topic(item.paperId));
    expect(top).toHaveLength(10);
    expect(top.filter((kind) => kind === 'codec').length).toBeGreaterThanOrEqual(5);
    expect(top.filter((kind) => kind === 'graph').length).toBeGreaterThanOrEqual(1);
    expect(top).not.toContain('other');
  });

  it('name the saved paper each one is most like', async () => {
    const [first] = setUp([{ id: 'saved-graph', text: GRAPH[1]! }]);
    expect(first!.reasons).toEqual([
      { kind: 'like', paperId: 'saved-graph', title: GRAPH[1], source: { kind: 'saved', collection: null } },
    ]);
    expect(reasonText(first!.reasons[0]!)).toBe(`like “${GRAPH[1]}”, which you saved`);
  });

  it('push papers like a "not interested" one down, and no others', async () => {
    const liked = [
      { id: 'saved-codec', text: CODEC[0]! },
      { id: 'saved-graph', text: GRAPH[0]! },
    ];
    const before = setUp(liked, { limit: 100 });
    const after = setUp(liked, { limit: 100, dislikedTexts: [CODEC[3]!] });
    const rank = (list: typeof before, id: string) => {
      const at = list.findIndex((item) => item.paperId === id);
      return at < 0 ? Infinity : at;
    };
    expect(rank(before, 'codec-0-3')).toBeLessThan(100);
    expect(rank(after, 'codec-0-3')).toBeGreaterThan(rank(before, 'codec-0-3'));
    for (const id of ['graph-0-0', 'graph-1-0', 'graph-2-0']) expect(rank(after, id)).toBeLessThanOrEqual(rank(before, id));
  });

  it('leave out papers the reader has seen', async () => {
    const seen = new Set(['codec-0-0', 'codec-1-0']);
    const ranked = setUp([{ id: 'saved-codec', text: CODEC[0]! }], { seen });
    expect(ranked.map((item) => item.paperId)).not.toContain('codec-0-0');
    expect(ranked.map((item) => item.paperId)).not.toContain('codec-1-0');
  });

  it('rank followed authors first and say so; a followed category helps a reader with no papers', async () => {
    const ranked = setUp([], { authors: new Set(['author 2']), categories: new Set(['cs.LG']), limit: 20 });
    expect(ranked.slice(0, 8).every((item) => item.paperId.startsWith('other-') && item.paperId.endsWith('-2'))).toBe(true);
    expect(reasonText(ranked[0]!.reasons[0]!)).toBe('by author 2, whom you follow');
    expect(ranked.slice(8).every((item) => topic(item.paperId) === 'graph')).toBe(true);
    expect(reasonText(ranked[8]!.reasons[0]!)).toBe('new in cs.LG, which you follow');
  });

  it("say why for every paper, and leave out papers too faintly like the reader's to name one", async () => {
    const ranked = setUp([{ id: 'saved-graph', text: GRAPH[0]! }], { limit: 100 });
    expect(ranked.length).toBeGreaterThan(5);
    expect(ranked.every((item) => item.reasons.length > 0)).toBe(true);
    expect(ranked.map((item) => item.paperId)).not.toContain('faint-0');
  });

  it('recommend nothing to a reader with nothing to go on', async () => {
    expect(setUp([])).toEqual([]);
  });
});
