// Bytes of the index as stored: numbers as varints (LEB128), written into a
// growing array and read back from one.
/** The pieces joined, in memory shared between threads (another thread reads it without a copy). */
export function sharedJoin(pieces: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(new SharedArrayBuffer(pieces.reduce((sum, piece) => sum + piece.length, 0)));
  let at = 0;
  for (const piece of pieces) {
    joined.set(piece, at);
    at += piece.length;
  }
  return joined;
}

/** Bytes growing as they are written. */
export class ByteWriter {
  bytes: Uint8Array;
  size = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(capacity, 16));
  }

  private room(extra: number): void {
    if (this.size + extra <= this.bytes.length) return;
    const larger = new Uint8Array(Math.max(this.bytes.length * 2, this.size + extra));
    larger.set(this.bytes.subarray(0, this.size));
    this.bytes = larger;
  }

  byte(value: number): void {
    this.room(1);
    this.bytes[this.size++] = value;
  }

  varint(value: number): void {
    this.room(5);
    while (value >= 0x80) {
      this.bytes[this.size++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    this.bytes[this.size++] = value;
  }

  raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.bytes.set(bytes, this.size);
    this.size += bytes.length;
  }

  /** Bytes `from` to `to` of `bytes` (no view made of them: terms are a few bytes each). */
  rawRange(bytes: Uint8Array, from: number, to: number): void {
    this.room(to - from);
    for (let at = from; at < to; at++) this.bytes[this.size++] = bytes[at]!;
  }

  append(other: ByteWriter): void {
    this.room(other.size);
    this.bytes.set(other.bytes.subarray(0, other.size), this.size);
    this.size += other.size;
  }
}

/** Reads varints from a byte array, from `at` on. */
export class ByteReader {
  constructor(
    private readonly bytes: Uint8Array,
    public at = 0,
  ) {}

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.at++];
      if (byte === undefined) throw new Error('index data cut short');
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }

  byte(): number {
    const byte = this.bytes[this.at++];
    if (byte === undefined) throw new Error('index data cut short');
    return byte;
  }

  /** The next `length` bytes, as a view. */
  raw(length: number): Uint8Array {
    this.skip(length);
    return this.bytes.subarray(this.at - length, this.at);
  }

  /** Passes over the next `length` bytes (no view made of them). */
  skip(length: number): void {
    if (this.at + length > this.bytes.length) throw new Error('index data cut short');
    this.at += length;
  }

  /** Copies the next `length` bytes into `target` from `offset` on. */
  copyInto(length: number, target: Uint8Array, offset: number): void {
    this.skip(length);
    for (let from = this.at - length, to = offset; from < this.at;) target[to++] = this.bytes[from++]!;
  }

  get done(): boolean {
    return this.at >= this.bytes.length;
  }
}
