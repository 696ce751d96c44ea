/** Scales to unit length so cosine similarity is a dot product and cached vectors compare equal. */
export function l2Normalize(v: ArrayLike<number>): number[] {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  const norm = Math.sqrt(sum) || 1;
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] / norm;
  return out;
}

/** float32 little-endian, the `embeddings.embedding` bytea format. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function encodeVector(v: number[]): Buffer {
  if (LITTLE_ENDIAN) {
    const f = Float32Array.from(v);
    return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
  }
  const buf = Buffer.allocUnsafe(v.length * 4);
  for (let i = 0; i < v.length; i++) buf.writeFloatLE(v[i], i * 4);
  return buf;
}

export function decodeVector(buf: Buffer): number[] {
  const n = buf.length >> 2;
  if (LITTLE_ENDIAN) {
    // Copy first: a pooled Buffer's offset need not be 4-byte aligned.
    const f = new Float32Array(n);
    new Uint8Array(f.buffer).set(buf.subarray(0, n * 4));
    return Array.from(f);
  }
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}
