// The best `count` documents found so far while ranking, kept in a heap whose
// root is the worst of them: what a document must beat to get in.

export interface ScoredDocument {
  seq: number;
  score: number;
}

/** Ranks before: higher score first (scores here are positive), then lower seq. */
export function ranksBefore(score: number, seq: number, other: ScoredDocument): boolean {
  return score > other.score || (score === other.score && seq < other.seq);
}

export class BestDocuments {
  readonly items: ScoredDocument[] = [];
  constructor(private readonly count: number) {}

  get full(): boolean {
    return this.items.length === this.count;
  }

  /** No document scoring at most this gets in once full (one of equal score gets in only by a lower seq). */
  get threshold(): number {
    return this.full ? this.items[0]!.score : -Infinity;
  }

  /** Whether a document would get in. */
  admits(seq: number, score: number): boolean {
    return !this.full || ranksBefore(score, seq, this.items[0]!);
  }

  add(seq: number, score: number): void {
    const heap = this.items;
    if (!this.full) {
      heap.push({ seq, score });
      for (let at = heap.length - 1; at > 0 && this.worse(at, (at - 1) >> 1); at = (at - 1) >> 1) this.swap(at, (at - 1) >> 1);
      return;
    }
    heap[0] = { seq, score };
    for (let at = 0; ;) {
      let worst = at;
      for (let child = 2 * at + 1; child <= 2 * at + 2; child++) if (child < heap.length && this.worse(child, worst)) worst = child;
      if (worst === at) return;
      this.swap(at, worst);
      at = worst;
    }
  }

  sorted(): ScoredDocument[] {
    return [...this.items].sort((a, b) => (ranksBefore(a.score, a.seq, b) ? -1 : 1));
  }

  private worse(a: number, b: number): boolean {
    const heap = this.items;
    return ranksBefore(heap[b]!.score, heap[b]!.seq, heap[a]!);
  }

  private swap(a: number, b: number): void {
    const heap = this.items;
    [heap[a], heap[b]] = [heap[b]!, heap[a]!];
  }
}
