// A table of term buckets, each numbered by its place 0 … size - 1 in the order
// added: the terms of one window's candidates, or of one reader's papers. Open
// addressing in typed arrays; terms are hashes already, so their low bits choose
// the slot. Finding a term costs a probe or two, where a search of a sorted list
// of a window's terms cost sixteen.

export interface TermTable {
  /** Place + 1 of the term in each slot; 0 for an empty slot. */
  slots: Int32Array;
  /** The term at each place. */
  terms: Int32Array;
  size: number;
}

/** A table for at most `capacity` terms, its slots at most half full. */
export function termTable(capacity: number): TermTable {
  return { slots: new Int32Array(2 ** Math.ceil(Math.log2(2 * capacity + 2))), terms: new Int32Array(capacity), size: 0 };
}

/** The term's place; -1 when it is not in the table. */
export function placeOf(table: TermTable, term: number): number {
  const mask = table.slots.length - 1;
  for (let slot = term & mask; ; slot = (slot + 1) & mask) {
    const held = table.slots[slot]!;
    if (held === 0) return -1;
    if (table.terms[held - 1] === term) return held - 1;
  }
}

/** The term's place, added at the end when it is new. */
export function addTerm(table: TermTable, term: number): number {
  const mask = table.slots.length - 1;
  for (let slot = term & mask; ; slot = (slot + 1) & mask) {
    const held = table.slots[slot]!;
    if (held !== 0 && table.terms[held - 1] === term) return held - 1;
    if (held === 0) {
      if (table.size === table.terms.length) throw new RangeError('the term table is full');
      table.terms[table.size] = term;
      table.slots[slot] = ++table.size;
      return table.size - 1;
    }
  }
}
