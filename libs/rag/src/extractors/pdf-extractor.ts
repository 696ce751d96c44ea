import { DocumentExtractionError } from '../rag.errors';
import type { BlockSource, ExtractInput, Extractor } from '../types';
import { readAll, yieldToEventLoop } from './input-source';
import { type PdfParseModule, loadPdfParse } from './pdf-parse-loader';

export const PDF_NO_TEXT_MESSAGE = 'The PDF has no extractable text (it may be a scanned image).';
export const PDF_CORRUPT_MESSAGE = 'The PDF is corrupt or encrypted and could not be read.';
export const PDF_ENCRYPTED_MESSAGE = 'The PDF is password-protected (encrypted); remove the password and upload it again.';

/** Maps pdf.js failures to messages a user can act on. */
function pdfError(err: unknown, { PasswordException, InvalidPDFException }: PdfParseModule): Error {
  if (err instanceof DocumentExtractionError) return err;
  if (err instanceof PasswordException) return new DocumentExtractionError('encrypted', PDF_ENCRYPTED_MESSAGE, { cause: err });
  if (err instanceof InvalidPDFException || (err instanceof Error && /invalid pdf|xref|bad (?:xref|header)|FormatError/i.test(`${err.name} ${err.message}`))) {
    return new DocumentExtractionError('corrupt', PDF_CORRUPT_MESSAGE, { cause: err });
  }
  return new DocumentExtractionError('corrupt', `${PDF_CORRUPT_MESSAGE} (${err instanceof Error ? err.message : String(err)})`, { cause: err });
}

/**
 * One block per page, like Dify's pypdfium2 extractor, so chunks never straddle pages and carry `page`.
 * pdf.js runs its "worker" on this thread and chains promises, so without an explicit macrotask
 * yield between pages timers (BullMQ lock renewal) would not fire until the whole file is done.
 * Pages are fetched one at a time and released (`getText` calls `page.cleanup()`), so only one page's
 * text is alive at once; the file's bytes themselves must be in memory for pdf.js.
 */
export class PdfExtractor implements Extractor {
  readonly extensions = ['pdf'] as const;

  async *extract(input: ExtractInput): BlockSource {
    const lib = await loadPdfParse();
    const bytes = await readAll(input);
    // pdf.js transfers (detaches) the ArrayBuffer it is given. A caller's Buffer must survive (and may
    // share Node's pool slab with unrelated Buffers), so it is copied; a file we read ourselves is
    // handed over as a plain view, which also stops pdf-parse from making its own copy.
    const owned = !input.buffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const data = owned ? new Uint8Array(bytes.buffer, 0, bytes.byteLength) : new Uint8Array(bytes);
    const parser = new lib.PDFParse({ data, verbosity: lib.VerbosityLevel.ERRORS });
    let hadText = false;
    try {
      let total = 1;
      for (let page = 1; page <= total; page++) {
        let text: string;
        try {
          const result = await parser.getText({ partial: [page], pageJoiner: '' });
          total = result.total;
          text = result.pages[0]?.text ?? '';
        } catch (err) {
          throw pdfError(err, lib);
        }
        if (text.trim()) {
          hadText = true;
          yield { text, page, kind: 'paragraph' };
        }
        await yieldToEventLoop();
      }
    } finally {
      await parser.destroy().catch(() => undefined);
    }
    if (!hadText) throw new DocumentExtractionError('no_text', PDF_NO_TEXT_MESSAGE);
  }
}
