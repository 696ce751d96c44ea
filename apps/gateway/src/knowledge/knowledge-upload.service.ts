import { extname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import {
  FileTooLargeError,
  InvalidParamError,
  KNOWLEDGE_FILE_EXTENSIONS,
  NoFileUploadedError,
  StoredUpload,
  TooManyFilesError,
  UnsupportedFileTypeError,
  assertCleanInput,
} from '@sluice/contracts';
import { FileStorage } from '@sluice/storage';

const MIME: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  mdx: 'text/markdown',
  pdf: 'application/pdf',
  html: 'text/html',
  htm: 'text/html',
  csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  svg: 'image/svg+xml',
};

const HINTS: Record<string, string> = {
  xls: 'Legacy Excel files (.xls) are not supported; save the file as .xlsx and upload it again.',
  doc: 'Legacy Word files (.doc) are not supported; save the file as .docx and upload it again.',
};

/** Console uploads may also be images (used by chat apps); knowledge documents may not. */
const CONSOLE_EXTRA = ['png', 'jpg', 'jpeg', 'webp', 'gif', 'svg'];

/**
 * Multipart uploads for knowledge bases: exactly one `file`, within the size limit, of a type the
 * ingestion pipeline can read — checked before any byte is stored. `data` is Dify's JSON string.
 */
@Injectable()
export class KnowledgeUploadService {
  constructor(
    private readonly cfg: AppConfig,
    private readonly storage: FileStorage,
  ) {}

  async store(tenantId: string, files: Express.Multer.File[] | undefined, opts: { required: boolean; console?: boolean }): Promise<StoredUpload | undefined> {
    const list = (files ?? []).filter((f) => f.fieldname === 'file');
    if (!list.length) {
      if (opts.required || files?.length)
        throw new NoFileUploadedError(files?.length ? 'Please upload your file in the `file` form field.' : 'Please upload your file.');
      return undefined;
    }
    if (list.length > 1) throw new TooManyFilesError();
    const f = list[0];
    // Multer decodes names as latin1; browsers and curl send UTF-8.
    const name = Buffer.from(f.originalname, 'latin1').toString('utf8').replace(/[\\/]/g, '_').slice(0, 255);
    if (!name) throw new UnsupportedFileTypeError('The file has no name.');
    if (f.size > this.cfg.uploadFileSizeLimitBytes) throw new FileTooLargeError(`File size exceeded. ${f.size} > ${this.cfg.uploadFileSizeLimitBytes} bytes.`);
    const ext = extname(name).slice(1).toLowerCase();
    const allowed = KNOWLEDGE_FILE_EXTENSIONS.includes(ext) || (opts.console === true && CONSOLE_EXTRA.includes(ext));
    if (!allowed)
      throw new UnsupportedFileTypeError(
        HINTS[ext] ?? `File type not allowed: ${ext ? '.' + ext : 'no extension'}. Supported: ${KNOWLEDGE_FILE_EXTENSIONS.join(', ')}.`,
      );
    const storageKey = this.storage.newKey('upload_files', tenantId, ext);
    const { size, sha256 } = await this.storage.save(storageKey, f.buffer);
    const mimeType = f.mimetype && f.mimetype !== 'application/octet-stream' ? f.mimetype : (MIME[ext] ?? 'application/octet-stream');
    return { storageKey, name, size, extension: ext, mimeType, sha256 };
  }

  /** Dify sends the document settings as a JSON string in the `data` form field. */
  parseData(raw: unknown): Record<string, unknown> {
    if (raw === undefined || raw === null || raw === '') return {};
    if (typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
    let v: unknown;
    try {
      v = JSON.parse(String(raw));
    } catch {
      /* reported below */
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InvalidParamError('data must be a JSON object string.', { params: 'data' });
    // The edge pipe saw only the string; what it decodes to gets the same checks as any JSON body.
    assertCleanInput(v, 'data');
    return v as Record<string, unknown>;
  }
}
