import type { BlockSource, ExtractInput, Extractor } from '../types';
import { decodedChunks } from './text-decoding';

/**
 * Plain text in any common encoding (UTF-8 ± BOM, UTF-16 LE/BE, GB18030/GBK, Big5, …), emitted
 * paragraph by paragraph so a large log or book never has to be one string.
 */
export class TextExtractor implements Extractor {
  readonly extensions = ['txt', 'text', 'log', 'vtt', 'properties', 'json', 'yaml', 'yml', 'xml', 'srt', 'rst', 'ini', 'conf', 'tex'] as const;

  async *extract(input: ExtractInput): BlockSource {
    let rest = '';
    for await (const chunk of decodedChunks(input)) {
      // A CR at a chunk edge may be half of a CRLF; hold it back until the next chunk.
      let text = rest + chunk;
      const carry = text.endsWith('\r') ? '\r' : '';
      if (carry) text = text.slice(0, -1);
      const parts = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
      rest = (parts.pop() ?? '') + carry;
      for (const p of parts) if (p.trim()) yield { text: p, kind: 'paragraph' };
    }
    rest = rest.replace(/\r\n?/g, '\n');
    if (rest.trim()) yield { text: rest, kind: 'paragraph' };
  }
}
