// Just enough of the protobuf wire format to write an ONNX ModelProto:
// varints, length-delimited fields and nested messages.

/** A message under construction: call the field writers, then bytes(). */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];

  int(field: number, value: number): this {
    return this.key(field, 0).varint(value);
  }

  string(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  bytesField(field: number, value: Uint8Array): this {
    this.key(field, 2).varint(value.length);
    this.chunks.push(value);
    return this;
  }

  message(field: number, build: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytesField(field, inner.bytes());
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.chunks);
  }

  private key(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  private varint(value: number): this {
    const out: number[] = [];
    let rest = value;
    while (rest >= 0x80) {
      out.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    out.push(rest);
    this.chunks.push(Uint8Array.from(out));
    return this;
  }
}
