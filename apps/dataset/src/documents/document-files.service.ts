import { Injectable, Logger } from '@nestjs/common';
import type { StoredUpload } from '@sluice/contracts';
import { UploadFile, UploadFilesRepository } from '@sluice/database';
import { FileStorage } from '@sluice/storage';

/** A document's original bytes: an upload_files row plus the file in storage. */
@Injectable()
export class DocumentFiles {
  private readonly log = new Logger(DocumentFiles.name);

  constructor(
    private readonly files: UploadFilesRepository,
    private readonly storage: FileStorage,
  ) {}

  /** create-by-text keeps the text as a .txt upload, so every document is parsed from a file the same way. */
  async storeText(tenantId: string, createdBy: string, name: string, text: string): Promise<UploadFile> {
    const storageKey = this.storage.newKey('upload_files', tenantId, 'txt');
    const { size, sha256 } = await this.storage.save(storageKey, Buffer.from(text, 'utf8'));
    const fileName = /\.txt$/i.test(name) ? name : `${name}.txt`;
    return this.register(tenantId, createdBy, { storageKey, name: fileName, size, extension: 'txt', mimeType: 'text/plain', sha256 });
  }

  register(tenantId: string, createdBy: string, u: StoredUpload): Promise<UploadFile> {
    return this.files.create({
      tenantId,
      appId: null,
      storageKey: u.storageKey,
      name: u.name,
      size: u.size,
      extension: u.extension,
      mimeType: u.mimeType,
      createdByRole: 'account',
      createdBy,
      hash: u.sha256,
    });
  }

  findById(id: string): Promise<UploadFile | null> {
    return this.files.findById(id);
  }

  findMany(tenantId: string, ids: string[]): Promise<UploadFile[]> {
    return this.files.findMany(tenantId, ids);
  }

  /** Deletes stored bytes the gateway wrote for a request that then failed validation. */
  async discard(upload: StoredUpload | undefined): Promise<void> {
    if (upload) await this.storage.delete(upload.storageKey).catch(() => undefined);
  }

  /** The ingest worker's between-stage files of a document (it removes them itself unless the row vanished while idle). */
  async removeIngestArtifacts(tenantId: string, documentId: string): Promise<void> {
    await this.storage.deleteTree(`ingest/${tenantId}/${documentId}`).catch((err) => this.log.warn(`ingest files of ${documentId}: ${err.message}`));
  }

  /** Removes files no remaining document refers to (rows and bytes). Best effort: a leftover file is harmless. */
  async removeUnreferenced(tenantId: string, fileIds: (string | null | undefined)[]): Promise<void> {
    const ids = [...new Set(fileIds.filter((x): x is string => !!x))];
    if (!ids.length) return;
    try {
      const keys = await this.files.deleteUnreferenced(tenantId, ids);
      await Promise.all(keys.map((key) => this.storage.delete(key)));
    } catch (err) {
      this.log.warn(`could not remove files ${ids.join(',')}: ${(err as Error).message}`);
    }
  }
}
