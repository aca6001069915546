// Rows their writer has just added, offered to the index as it wrote them, so
// that an import's papers are indexed from memory rather than read back (and
// their abstracts unpacked again). An offer is only a guess of what is stored:
// it is taken for a waiting document only when the row stored still holds the
// check value it was offered with (a hash of its content) and was queued once
// (version 0), else the whole segment is read as stored. A transaction rolled
// back after offering leaves offers that no row holds; they are dropped when
// seen, when more than `limit` wait (the oldest first), and at the end of an
// indexing run.
import type { PendingCheck, StoredText } from './source.ts';

interface Offer {
  checked: unknown;
  stored: StoredText;
}

export class OfferedDocuments {
  private readonly offers = new Map<number, Offer>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.offers.size;
  }

  /** Offers the row of key `seq` as stored with check value `checked` (not null). */
  offer(seq: number, checked: unknown, stored: StoredText): void {
    if (checked === null || checked === undefined) return;
    this.offers.delete(seq);
    this.offers.set(seq, { checked, stored });
    if (this.offers.size > this.limit) this.offers.delete(this.offers.keys().next().value!);
  }

  /**
   * The rows offered for these waiting documents, taken (each is used once), when every one has
   * an offer that its row still holds; else none is taken, and those that no longer hold are dropped.
   */
  takeAll(pending: readonly PendingCheck[]): StoredText[] | null {
    const found = pending.map((document) => this.holding(document));
    if (found.includes(undefined)) return null;
    for (const { seq } of pending) this.offers.delete(seq);
    return found as StoredText[];
  }

  /** Forgets every offer (once everything waiting is indexed). */
  clear(): void {
    this.offers.clear();
  }

  private holding({ seq, version, checked }: PendingCheck): StoredText | undefined {
    const offer = this.offers.get(seq);
    if (!offer) return undefined;
    if (version !== 0 || checked !== offer.checked) {
      this.offers.delete(seq);
      return undefined;
    }
    return offer.stored;
  }
}
