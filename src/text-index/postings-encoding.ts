// Writes lists of postings in the layout postings.ts describes and reads: one
// at a time (a merge's), or one after another into one buffer (a segment's).
import { ByteWriter } from './bytes.ts';
import { impactOf, type ImpactModel, type ImpactSource } from './impacts.ts';
import { BLOCK, CAP, ESCAPE, FIELDS, FORMAT, IMPACTS_FROM_BLOCKS } from './postings.ts';

/**
 * Counts of the three fields in one byte when they are small, as they nearly always are
 * (a title says a word 0 to 2 times, an abstract up to 15, the authors up to 3).
 */
function countCode(title: number, abstract: number, authors: number): number {
  return title <= 2 && abstract <= 15 && authors <= 3 ? (title << 6) | (abstract << 2) | authors : ESCAPE;
}

/** Weights kept in tenths, a byte each: a model with weights that cannot be so kept writes no impacts. */
export function storableWeights(model: ImpactModel): number[] | null {
  const tenths = model.weights.map((weight) => Math.round(weight * 10));
  const exact = tenths.every((tenth, field) => tenth >= 0 && tenth <= 255 && Math.abs(tenth - model.weights[field]! * 10) < 1e-9);
  return exact && tenths.length === FIELDS && model.averageLength >= 1 && Number.isInteger(model.averageLength) ? tenths : null;
}

/** Encodes lists with the same scratch space for each: one after another into one buffer (a segment's), or each on its own (a merge's). */
export class PostingsEncoder {
  private readonly header = new ByteWriter(64);
  private readonly body = new ByteWriter(1024);

  /** Appends the list as encodePostings encodes it to `out`. */
  appendTo(out: ByteWriter, seqs: ArrayLike<number>, counts: ArrayLike<number>, documents: number, impacts?: ImpactSource): void {
    this.write(seqs, counts, documents, impacts);
    out.append(this.header);
    out.append(this.body);
  }

  /** The list as encodePostings encodes it, in a buffer of its own. */
  encode(seqs: ArrayLike<number>, counts: ArrayLike<number>, documents: number, impacts?: ImpactSource): Buffer {
    this.write(seqs, counts, documents, impacts);
    const list = Buffer.allocUnsafe(this.header.size + this.body.size);
    list.set(this.header.bytes.subarray(0, this.header.size));
    list.set(this.body.bytes.subarray(0, this.body.size), this.header.size);
    return list;
  }

  private write(seqs: ArrayLike<number>, counts: ArrayLike<number>, documents: number, impacts?: ImpactSource): void {
    this.header.size = 0;
    this.body.size = 0;
    writePostings(this.header, this.body, seqs, counts, documents, impacts);
  }
}

/** The scratch space of encodePostings, used again by each call (a merge encodes a list per term). */
const scratch = new PostingsEncoder();

/**
 * Encodes `documents` postings: seqs in increasing order, FIELDS counts each; with `impacts`, each
 * block's impact (in lists of IMPACTS_FROM_BLOCKS blocks or more).
 */
export function encodePostings(
  seqs: ArrayLike<number>,
  counts: ArrayLike<number>,
  documents = seqs.length,
  impacts?: ImpactSource,
): Buffer {
  return scratch.encode(seqs, counts, documents, impacts);
}

/** Writes a list's header to `header` and its blocks to `body` (the stored list is the one followed by the other). */
function writePostings(
  header: ByteWriter,
  body: ByteWriter,
  seqs: ArrayLike<number>,
  counts: ArrayLike<number>,
  documents: number,
  impacts?: ImpactSource,
): void {
  const blocks = Math.ceil(documents / BLOCK);
  const tenths = impacts && blocks >= IMPACTS_FROM_BLOCKS ? storableWeights(impacts.model) : null;
  const model = tenths ? { weights: tenths.map((tenth) => tenth / 10), averageLength: impacts!.model.averageLength } : null;
  header.byte(FORMAT);
  header.varint(documents);
  header.varint(blocks);
  header.varint(model ? model.averageLength : 0);
  tenths?.forEach((tenth) => header.byte(tenth));
  let previous = 0;
  for (let block = 0; block < blocks; block++) {
    const start = block * BLOCK;
    const end = Math.min(start + BLOCK, documents);
    const before = body.size;
    const maxima = [0, 0, 0];
    let impact = 0;
    let last = previous;
    for (let index = start; index < end; index++) {
      const seq = seqs[index]!;
      if (seq < last || (seq === last && index > 0)) throw new Error('postings must be in increasing seq order');
      body.varint(seq - last);
      last = seq;
    }
    for (let index = start; index < end; index++) {
      const title = Math.min(counts[index * FIELDS]!, CAP);
      const abstract = Math.min(counts[index * FIELDS + 1]!, CAP);
      const authors = Math.min(counts[index * FIELDS + 2]!, CAP);
      maxima[0] = Math.max(maxima[0]!, title);
      maxima[1] = Math.max(maxima[1]!, abstract);
      maxima[2] = Math.max(maxima[2]!, authors);
      if (model) impact = Math.max(impact, impactOf(title, abstract, authors, impacts!.lengthOf(seqs[index]!), model));
      const code = countCode(title, abstract, authors);
      body.byte(code);
      if (code === ESCAPE) {
        body.byte(title);
        body.byte(abstract);
        body.byte(authors);
      }
    }
    header.varint(last - previous);
    header.varint(body.size - before);
    maxima.forEach((maximum) => header.byte(maximum));
    if (model) header.byte(impact);
    previous = last;
  }
}
