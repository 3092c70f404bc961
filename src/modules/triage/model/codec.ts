// Compact, exact encodings for the model artifact: sorted unsigned integers as base64 varint
// deltas, small unsigned integers as base64 varints, weights as base64 int8 with a scale.

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function readVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let value = 0;
  let factor = 1;
  for (const byte of bytes) {
    value += (byte & 0x7f) * factor;
    if (byte & 0x80) factor *= 128;
    else {
      out.push(value);
      value = 0;
      factor = 1;
    }
  }
  return out;
}

/** Non-negative integers (any order) as base64 varints. */
export function encodeUints(values: readonly number[]): string {
  const out: number[] = [];
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`encodeUints: ${v} is not a non-negative integer`);
    writeVarint(out, v);
  }
  return Buffer.from(out).toString('base64');
}

export function decodeUints(text: string): number[] {
  return readVarints(new Uint8Array(Buffer.from(text, 'base64')));
}

/** Strictly increasing non-negative integers as base64 varint deltas. */
export function encodeSortedUints(values: readonly number[]): string {
  let previous = -1;
  const deltas = values.map((v) => {
    if (v <= previous) throw new Error('encodeSortedUints: values must be strictly increasing');
    const d = v - previous - 1;
    previous = v;
    return d;
  });
  return encodeUints(deltas);
}

export function decodeSortedUints(text: string): number[] {
  let previous = -1;
  return decodeUints(text).map((d) => {
    previous = previous + d + 1;
    return previous;
  });
}

/** Signed bytes as base64. */
export function encodeInt8(values: Int8Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function decodeInt8(text: string): Int8Array {
  const bytes = Buffer.from(text, 'base64');
  return new Int8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
