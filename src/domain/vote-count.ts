// The one number a card shows for a paper's votes: this hub's votes and
// Hugging Face's upvotes together (different people, so they add up), with
// its parts for the label. The daily order sorts by the same sum.
export interface VoteCount {
  total: number;
  here: number;
  huggingFace: number;
}

export function voteCount(paper: { votes: number; upvotes: number | null }): VoteCount {
  const huggingFace = paper.upvotes ?? 0;
  return { total: paper.votes + huggingFace, here: paper.votes, huggingFace };
}

/** "1 here, 163 on Hugging Face", or null when the votes are all this hub's. */
export function voteParts(count: VoteCount): string | null {
  return count.huggingFace ? `${count.here} here, ${count.huggingFace} on Hugging Face` : null;
}
