import { extname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '@sluice/config';
import {
  CallerIdentity,
  ChatContracts,
  FileLocation,
  FileTooLargeError,
  InvalidParamError,
  NoFileUploadedError,
  TooManyFilesError,
  UnsupportedFileTypeError,
} from '@sluice/contracts';
import { FileStorage } from '@sluice/storage';
import { ServiceProxy } from '../common/service-proxy';
import { SignedFilesService } from '../files/signed-files.service';

const ALLOWED = new Set([
  // images
  'jpg',
  'jpeg',
  'png',
  'webp',
  'gif',
  'svg',
  // documents
  'txt',
  'md',
  'markdown',
  'mdx',
  'pdf',
  'html',
  'htm',
  'xlsx',
  'xls',
  'docx',
  'csv',
  'eml',
  'msg',
  'pptx',
  'ppt',
  'xml',
  'epub',
  'json',
  // audio / video
  'mp3',
  'm4a',
  'wav',
  'webm',
  'amr',
  'mpga',
  'mp4',
  'mov',
  'mpeg',
]);

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  mdx: 'text/markdown',
  pdf: 'application/pdf',
  html: 'text/html',
  htm: 'text/html',
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
};

/** Multipart uploads: checked, written to storage under a server-chosen key, then registered by the chat service. */

@Injectable()
export class UploadService {
  constructor(
    private readonly cfg: AppConfig,
    private readonly storage: FileStorage,
    private readonly proxy: ServiceProxy,
    private readonly signed: SignedFilesService,
  ) {}

  async upload(caller: CallerIdentity, files: Express.Multer.File[] | undefined, user: unknown, req?: Request) {
    if (!files || files.length === 0) throw new NoFileUploadedError();
    if (files.length > 1) throw new TooManyFilesError();
    if (typeof user !== 'string' || !user) throw new InvalidParamError('user is required', { params: 'user' });
    const f = files[0];
    if (f.fieldname !== 'file') throw new NoFileUploadedError('Please upload your file in the `file` form field.');
    // Multer decodes names as latin1; browsers and curl send UTF-8.
    const name = Buffer.from(f.originalname, 'latin1').toString('utf8').replace(/[\\/]/g, '_').slice(0, 255);
    if (!name) throw new UnsupportedFileTypeError('The file has no name.');
    if (f.size > this.cfg.uploadFileSizeLimitBytes) throw new FileTooLargeError(`File size exceeded. ${f.size} > ${this.cfg.uploadFileSizeLimitBytes} bytes.`);
    const ext = extname(name).slice(1).toLowerCase();
    if (!ALLOWED.has(ext)) throw new UnsupportedFileTypeError(`File type not allowed: ${ext ? '.' + ext : 'no extension'}.`);
    const storageKey = this.storage.newKey('upload_files', caller.tenantId, ext);
    const { size, sha256 } = await this.storage.save(storageKey, f.buffer);
    const mimeType = f.mimetype && f.mimetype !== 'application/octet-stream' ? f.mimetype : (MIME[ext] ?? 'application/octet-stream');
    const file = await this.proxy.call(ChatContracts.fileCreate, {
      caller: { ...caller, sessionId: user },
      upload: { storageKey, name, size, extension: ext, mimeType, sha256 },
    });
    // The rest of Dify's file response: a signed URL to the bytes, and what an upload here never has.
    return {
      ...file,
      reference: null,
      preview_url: null,
      source_url: req ? this.signed.urlFor(req, file.id).url : '',
      original_url: null,
      user_id: null,
      tenant_id: caller.tenantId,
      conversation_id: null,
      file_key: null,
    };
  }

  /**
   * Newer Dify's `GET /v1/files/{id}/preview`: the bytes of a file of the key's app. User uploads
   * are served sandboxed (CSP sandbox, nosniff), so an uploaded HTML or SVG file cannot run script
   * in the API's origin.
   */
  async preview(caller: CallerIdentity, id: string, asAttachment: boolean, res: Response): Promise<void> {
    const f = await this.proxy.call(ChatContracts.fileDescribe, { caller, id });
    res.status(200);
    res.setHeader('Content-Type', f.mime_type || 'application/octet-stream');
    res.setHeader('Content-Length', String(f.size));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', 'sandbox');
    if (asAttachment) res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
    await pipeline(this.storage.stream(f.storage_key), res);
  }
}
