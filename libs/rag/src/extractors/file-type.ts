import { DocumentExtractionError, UnsupportedFileTypeError } from '../rag.errors';
import type { ExtractInput, FileKind } from '../types';
import { extensionOf, readEnds } from './input-source';

const BY_EXTENSION: Record<string, FileKind> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  csv: 'csv',
  tsv: 'csv',
};
for (const ext of ['txt', 'text', 'log', 'vtt', 'properties', 'json', 'yaml', 'yml', 'xml', 'srt', 'rst', 'ini', 'conf', 'tex']) BY_EXTENSION[ext] = 'text';

const BY_MIME: Record<string, FileKind> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/markdown': 'markdown',
  'text/csv': 'csv',
  'text/plain': 'text',
};

const IMAGE_MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG'],
  [[0xff, 0xd8, 0xff], 'JPEG'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF'],
  [[0x49, 0x49, 0x2a, 0x00], 'TIFF'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'TIFF'],
];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(b: Buffer, magic: number[]): boolean {
  return magic.every((byte, i) => b[i] === byte);
}

/** What the bytes say, or undefined when they carry no signature (all text formats). */
function sniff(head: Buffer, tail: Buffer, ext: string): FileKind | undefined {
  if (head.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // Entry names sit in local headers (start) and the central directory (end) of the zip.
    const has = (s: string) => head.includes(s) || tail.includes(s);
    if (has('word/')) return 'docx';
    if (has('xl/')) return 'xlsx';
    if (has('ppt/')) throw new UnsupportedFileTypeError(ext || 'pptx', 'PowerPoint files are not supported yet; export the slides to PDF and upload that.');
    throw new UnsupportedFileTypeError(ext || 'zip', 'Zip archives are not supported; upload the documents inside it one by one.');
  }
  if (startsWith(head, OLE2)) {
    throw new UnsupportedFileTypeError(
      ext || 'doc',
      'Legacy Office files (.doc, .xls, .ppt) are not supported; save the file as .docx or .xlsx and upload it again.',
    );
  }
  for (const [magic, name] of IMAGE_MAGIC) {
    if (startsWith(head, magic))
      throw new UnsupportedFileTypeError(ext || name.toLowerCase(), `${name} images are not supported (no text to extract without OCR).`);
  }
  return undefined;
}

/**
 * Decides the format from the extension, then lets magic bytes overrule it: a ".pdf" that is really a
 * .docx is read as .docx, and a ".docx" with no zip signature is reported as corrupt rather than
 * fed to the wrong parser.
 */
export async function detectFileKind(input: ExtractInput): Promise<FileKind> {
  const ext = extensionOf(input.filename);
  const claimed = BY_EXTENSION[ext] ?? (input.mimeType ? BY_MIME[input.mimeType.split(';')[0].trim().toLowerCase()] : undefined);
  const { head, tail } = await readEnds(input, 64 * 1024);
  const actual = sniff(head, tail, ext);
  if (actual) return actual;
  if (!claimed) throw new UnsupportedFileTypeError(ext);
  if (claimed === 'pdf') throw new DocumentExtractionError('corrupt', 'The file is named .pdf but is not a PDF (it may be corrupt).');
  if (claimed === 'docx' || claimed === 'xlsx') {
    throw new DocumentExtractionError(
      'corrupt',
      `The file is named .${ext || claimed} but is not a valid ${claimed === 'docx' ? 'Word' : 'Excel'} file (it may be corrupt).`,
    );
  }
  return claimed;
}
