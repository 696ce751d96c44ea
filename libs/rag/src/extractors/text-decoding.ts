import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { ExtractInput } from '../types';
import { byteChunks } from './input-source';

const SAMPLE_BYTES = 64 * 1024;

/** chardet names → iconv-lite names; GB2312/GBK are subsets of GB18030, so decode with the superset. */
const ALIASES: Record<string, string> = {
  'utf-8': 'utf8',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  gb18030: 'gb18030',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'utf-32le': 'utf32le',
  'utf-32be': 'utf32be',
};

function bomEncoding(b: Buffer): string | undefined {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf8';
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return 'utf32le';
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'utf32be';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf16be';
  return undefined;
}

/** Valid UTF-8 is by far the most common case and chardet sometimes mislabels short UTF-8 samples. */
function isValidUtf8(sample: Buffer, complete: boolean): boolean {
  let end = sample.length;
  if (!complete) {
    // The sample may cut a multi-byte sequence; drop a trailing partial sequence before validating.
    let i = end - 1;
    while (i >= 0 && end - i <= 3 && (sample[i] & 0xc0) === 0x80) i--;
    if (i >= 0 && sample[i] >= 0xc0) end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** BOM-less UTF-16 shows up as ASCII interleaved with zero bytes. */
function zeroByteEncoding(sample: Buffer): string | undefined {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < pairs * 0.05) return 'utf16le';
  if (even > pairs * 0.3 && odd < pairs * 0.05) return 'utf16be';
  return undefined;
}

/** Best guess at the encoding of `sample`; `complete` says whether it is the whole file. */
export function detectEncoding(sample: Buffer, complete = true): string {
  const bom = bomEncoding(sample);
  if (bom) return bom;
  const wide = zeroByteEncoding(sample);
  if (wide) return wide;
  if (isValidUtf8(sample, complete)) return 'utf8';
  const guesses = chardet
    .analyse(sample)
    .map((g) => ({ name: ALIASES[g.name.toLowerCase()] ?? g.name.toLowerCase(), confidence: g.confidence }))
    .filter((g) => iconv.encodingExists(g.name));
  const best = guesses[0];
  // chardet scores short CJK samples at ~10 for every CJK charset; ties and weak guesses go to
  // GB18030 (the most common non-UTF-8 encoding for our users, and Dify's) when it decodes cleanly.
  if (best?.name === 'gb18030' || guesses.some((g) => g.name === 'gb18030' && g.confidence === best?.confidence)) return 'gb18030';
  if ((!best || best.confidence < 50) && !iconv.decode(sample, 'gb18030').includes('\uFFFD')) return 'gb18030';
  return best?.name ?? 'utf8';
}

export function decodeBuffer(buffer: Buffer): { text: string; encoding: string } {
  const encoding = detectEncoding(buffer.subarray(0, SAMPLE_BYTES), buffer.length <= SAMPLE_BYTES);
  // iconv-lite strips the BOM for the Unicode encodings by default.
  return { text: iconv.decode(buffer, encoding), encoding };
}

/** Decoded text in pieces; the encoding is decided from the first 64 KiB. */
export async function* decodedChunks(input: ExtractInput): AsyncGenerator<string> {
  if (input.buffer) {
    yield decodeBuffer(input.buffer).text;
    return;
  }
  let decoder: ReturnType<typeof iconv.getDecoder> | undefined;
  for await (const chunk of byteChunks(input, SAMPLE_BYTES)) {
    decoder ??= iconv.getDecoder(detectEncoding(chunk, chunk.length < SAMPLE_BYTES));
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder?.end();
  if (rest) yield rest;
}
