import type { BlockSource, ExtractInput, Extractor } from '../types';
import { htmlToBlocks } from './html-blocks';
import { decodedChunks } from './text-decoding';

export class HtmlExtractor implements Extractor {
  readonly extensions = ['html', 'htm', 'xhtml'] as const;

  async *extract(input: ExtractInput): BlockSource {
    let html = '';
    for await (const chunk of decodedChunks(input)) html += chunk;
    yield* htmlToBlocks(html);
  }
}
