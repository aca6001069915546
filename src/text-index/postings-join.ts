// Joins a term's lists from the segments a merge takes into one list by copying
// their blocks, when each list's documents all come after the one before's (as
// in segments of documents indexed in turn, none of which has moved on since):
// the long lists of common words, most of a merge's work, are then neither
// decoded nor encoded. The joined list is SIZED (postings.ts), for a list's last
// block, short, stays short within the joined one.
// A block keeps its impact when its list's impacts were computed under the same
// field weights: the joined list says the least of those lists' average
// lengths, under which every one stays an upper bound (impacts.ts: a longer
// average length gives a larger part). Blocks of other lists (too short to have
// impacts) have theirs computed here.
import { ByteReader, ByteWriter } from './bytes.ts';
import { impactOf, type ImpactModel, type ImpactSource } from './impacts.ts';
import { BLOCK, FIELDS, PostingList, postingsDocuments, SIZED } from './postings.ts';
import { storableWeights } from './postings-encoding.ts';

/** Lists are joined by their blocks when they hold this many documents each on average: with fewer, short blocks would be many. */
export const JOIN_FROM = 4 * BLOCK;

/** Scratch space used again by each join: the list's start, its blocks' entries, its blocks, and one block decoded. */
const scratch = {
  start: new ByteWriter(16),
  entries: new ByteWriter(1024),
  body: new ByteWriter(1 << 16),
  seqs: new Uint32Array(BLOCK),
  counts: new Uint8Array(BLOCK * FIELDS),
};

/**
 * The lists (as stored, each from a segment every document of which is still placed in it) joined
 * by their blocks, with impacts under `impacts`' weights; null when that is not worth it (the lists
 * are short) or not possible (their documents interleave, or the weights cannot be stored).
 */
export function joinBlocks(stored: readonly Uint8Array[], impacts: ImpactSource): Buffer | null {
  const documents = stored.reduce((sum, list) => sum + postingsDocuments(list), 0);
  const tenths = storableWeights(impacts.model);
  if (documents < JOIN_FROM * stored.length || !tenths) return null;
  const lists = inOrder(stored.map((list) => new PostingList(list)));
  if (!lists) return null;
  const kept = lists.map((list) => keepsImpacts(list, tenths));
  const averageLength = Math.min(...lists.filter((_list, index) => kept[index]).map((list) => list.impactModel!.averageLength));
  const model = {
    weights: tenths.map((tenth) => tenth / 10),
    averageLength: Number.isFinite(averageLength) ? averageLength : impacts.model.averageLength,
  };
  const { start, entries, body } = scratch;
  [start.size, entries.size, body.size] = [0, 0, 0];
  let previous = 0;
  lists.forEach((list, index) => {
    for (let block = 0; block < list.blocks; block++) {
      entries.varint(list.lastSeqs[block]! - (block ? list.lastSeqs[block - 1]! : previous));
      entries.varint(copyBlock(list, block, previous, body));
      entries.byte(list.sizeOf(block));
      entries.raw(list.blockMaxima.subarray(block * FIELDS, (block + 1) * FIELDS));
      entries.byte(kept[index] ? list.impacts![block]! : blockImpact(list, block, model, impacts.lengthOf));
    }
    previous = list.lastSeqs[list.blocks - 1]!;
  });
  start.byte(SIZED);
  start.varint(documents);
  start.varint(lists.reduce((sum, list) => sum + list.blocks, 0));
  start.varint(model.averageLength);
  tenths.forEach((tenth) => start.byte(tenth));
  const joined = Buffer.allocUnsafe(start.size + entries.size + body.size);
  joined.set(start.bytes.subarray(0, start.size));
  joined.set(entries.bytes.subarray(0, entries.size), start.size);
  joined.set(body.bytes.subarray(0, body.size), start.size + entries.size);
  return joined;
}

/** The lists in order of their first documents, if each one's come after the last of the one before; null if they interleave. */
function inOrder(lists: PostingList[]): PostingList[] | null {
  const firsts = new Map(lists.map((list) => [list, firstSeq(list)]));
  const ordered = [...lists].sort((a, b) => firsts.get(a)! - firsts.get(b)!);
  const interleave = ordered.some((list, index) => index > 0 && firsts.get(list)! <= ordered[index - 1]!.lastSeqs.at(-1)!);
  return interleave ? null : ordered;
}

/** The list's first seq: its first block's first varint, the seq less 0. */
function firstSeq(list: PostingList): number {
  return new ByteReader(list.stored, list.starts[0]).varint();
}

/** Whether the list's impacts hold in the joined list: computed under the same weights. */
function keepsImpacts(list: PostingList, tenths: readonly number[]): boolean {
  return list.impactModel !== null && list.impactModel.weights.every((weight, field) => Math.round(weight * 10) === tenths[field]);
}

/**
 * Appends the block's bytes to `body`, its first seq written less `previous` (the joined list's last
 * seq before it) rather than less the list's own previous seq, which differ in a list's first block alone;
 * returns its length.
 */
function copyBlock(list: PostingList, block: number, previous: number, body: ByteWriter): number {
  const [from, to] = [list.starts[block]!, list.starts[block + 1]!];
  if (block > 0) {
    body.raw(list.stored.subarray(from, to));
    return to - from;
  }
  const before = body.size;
  const reader = new ByteReader(list.stored, from);
  body.varint(reader.varint() - previous);
  body.raw(list.stored.subarray(reader.at, to));
  return body.size - before;
}

/** The most any of the block's documents reaches under `model` (the impact encodePostings would give the block). */
function blockImpact(list: PostingList, block: number, model: ImpactModel, lengthOf: (seq: number) => number): number {
  const { seqs, counts } = scratch;
  const size = list.decodeBlock(block, seqs, counts);
  let impact = 0;
  for (let index = 0, at = 0; index < size; index++, at += FIELDS)
    impact = Math.max(impact, impactOf(counts[at]!, counts[at + 1]!, counts[at + 2]!, lengthOf(seqs[index]!), model));
  return impact;
}
