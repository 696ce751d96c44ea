import mammoth from 'mammoth';
import { DocumentExtractionError } from '../rag.errors';
import type { BlockSource, ExtractInput, Extractor } from '../types';
import { htmlToBlocks } from './html-blocks';
import { readAll } from './input-source';

/**
 * mammoth maps Word styles to semantic HTML (Heading 1 → h1, tables, lists), which the shared HTML
 * walker turns into heading paths, Markdown tables and "- " list items. Images are dropped.
 */
export class DocxExtractor implements Extractor {
  readonly extensions = ['docx'] as const;

  async *extract(input: ExtractInput): BlockSource {
    const buffer = await readAll(input);
    let html: string;
    try {
      html = (await mammoth.convertToHtml({ buffer }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) })).value;
    } catch (err) {
      throw new DocumentExtractionError('corrupt', 'The Word document is corrupt or not a valid .docx file.', { cause: err });
    }
    yield* htmlToBlocks(html);
  }
}
