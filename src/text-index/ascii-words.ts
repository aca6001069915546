// The words of ASCII text (runs of letters and digits, case folded: what
// splitWords gives) found by their characters in an open-addressing table,
// without a string made for each: a segment's documents share most of their
// words, and a Map needed a new string, its hash and a compare for every one of
// them (half of building a segment). A word not seen before is made a string once.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const EMPTY = -1;

export class AsciiWords {
  private mask = (1 << 16) - 1;
  private hashes = new Int32Array(this.mask + 1);
  private ids = new Int32Array(this.mask + 1).fill(EMPTY);
  private starts = new Int32Array(this.mask + 1);
  private lengths = new Int32Array(this.mask + 1);
  /** The characters of the words seen, folded, one after another. */
  private chars = new Uint8Array(1 << 16);
  private used = 0;
  private count = 0;

  /**
   * Calls `found` with the id of each word of `text` (ASCII only), in order; `idOfNewWord` gives
   * the id of a word not seen before (as splitWords would give it: lower case).
   */
  forEachWord(text: string, idOfNewWord: (word: string) => number, found: (id: number) => void): void {
    let start = -1;
    let hash = 0;
    for (let at = 0; at <= text.length; at++) {
      const code = at < text.length ? text.charCodeAt(at) : 32;
      const folded = code >= 65 && code <= 90 ? code + 32 : code;
      if ((folded >= 97 && folded <= 122) || (folded >= 48 && folded <= 57)) {
        if (start < 0) {
          start = at;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ folded, FNV_PRIME);
      } else if (start >= 0) {
        found(this.idOf(text, start, at, hash, idOfNewWord));
        start = -1;
      }
    }
  }

  private idOf(text: string, start: number, end: number, hash: number, idOfNewWord: (word: string) => number): number {
    let slot = hash & this.mask;
    for (; this.ids[slot] !== EMPTY; slot = (slot + 1) & this.mask)
      if (this.hashes[slot] === hash && this.holds(slot, text, start, end)) return this.ids[slot]!;
    const id = idOfNewWord(text.slice(start, end).toLowerCase());
    this.put(slot, text, start, end, hash, id);
    return id;
  }

  /** Whether the word in `slot` is text[start, end), folded. */
  private holds(slot: number, text: string, start: number, end: number): boolean {
    if (this.lengths[slot] !== end - start) return false;
    const from = this.starts[slot]! - start;
    for (let at = start; at < end; at++) {
      const code = text.charCodeAt(at);
      if (this.chars[from + at] !== (code >= 65 && code <= 90 ? code + 32 : code)) return false;
    }
    return true;
  }

  private put(slot: number, text: string, start: number, end: number, hash: number, id: number): void {
    if (this.used + end - start > this.chars.length) {
      const chars = new Uint8Array(Math.max(this.chars.length * 2, this.used + end - start));
      chars.set(this.chars);
      this.chars = chars;
    }
    for (let at = start; at < end; at++) {
      const code = text.charCodeAt(at);
      this.chars[this.used + at - start] = code >= 65 && code <= 90 ? code + 32 : code;
    }
    [this.hashes[slot], this.ids[slot], this.starts[slot], this.lengths[slot]] = [hash, id, this.used, end - start];
    this.used += end - start;
    if (++this.count * 2 > this.mask) this.grow();
  }

  /** Twice the slots, every word placed again by its hash. */
  private grow(): void {
    const [hashes, ids, starts, lengths] = [this.hashes, this.ids, this.starts, this.lengths];
    this.mask = this.mask * 2 + 1;
    this.hashes = new Int32Array(this.mask + 1);
    this.ids = new Int32Array(this.mask + 1).fill(EMPTY);
    this.starts = new Int32Array(this.mask + 1);
    this.lengths = new Int32Array(this.mask + 1);
    ids.forEach((id, from) => {
      if (id === EMPTY) return;
      let slot = hashes[from]! & this.mask;
      while (this.ids[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      [this.hashes[slot], this.ids[slot], this.starts[slot], this.lengths[slot]] = [hashes[from]!, id, starts[from]!, lengths[from]!];
    });
  }
}
