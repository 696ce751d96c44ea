import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { DatasetContracts, FileLocation, NotFoundError, StoredUpload, difyIsoDateTime, isUuid, parseAfterLookup } from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { UploadFile } from '@sluice/database';
import { DocumentsRepository } from '@sluice/knowledge';
import { DatasetAccess } from '../common/dataset-access.service';
import { DocumentFiles } from './document-files.service';

export interface DownloadableFile extends FileLocation {
  id: string;
}

const location = (f: UploadFile): DownloadableFile => ({ id: f.id, storage_key: f.storageKey, name: f.name, mime_type: f.mimeType, size: Number(f.size) });

/** A document's original upload, for download (one, or several as a ZIP), and uploads that belong to no document yet. */
@Injectable()
export class DocumentDownloads {
  constructor(
    private readonly access: DatasetAccess,
    private readonly repo: DocumentsRepository,
    private readonly files: DocumentFiles,
  ) {}

  async download(req: KnowledgeRequest): Promise<DownloadableFile> {
    const dataset = await this.access.dataset(req);
    const doc = await this.access.document(req, dataset);
    if (doc.dataSourceType !== 'upload_file' || !doc.fileId) throw new NotFoundError('Document does not have an uploaded file to download.');
    const [file] = await this.files.findMany(req.tenantId, [doc.fileId]);
    if (!file) throw new NotFoundError('Uploaded file not found.');
    return location(file);
  }

  async downloadZip(req: KnowledgeRequest): Promise<DownloadableFile[]> {
    const dataset = await this.access.dataset(req);
    const { document_ids } = parseAfterLookup(DatasetContracts.documents.downloadZip, 'body', req.body);
    const ids = [...new Set(document_ids)];
    const docs = await this.repo.findMany(req.tenantId, dataset.id, ids.filter(isUuid));
    if (docs.length !== ids.length) throw new NotFoundError('Document not found.');
    if (docs.some((d) => d.dataSourceType !== 'upload_file' || !d.fileId)) throw new NotFoundError('Only uploaded-file documents can be downloaded as ZIP.');
    const files = new Map(
      (
        await this.files.findMany(
          req.tenantId,
          docs.map((d) => d.fileId!),
        )
      ).map((f) => [f.id, f]),
    );
    return ids.map((id) => {
      const f = files.get(docs.find((d) => d.id === id)!.fileId!);
      if (!f) throw new NotFoundError('Uploaded file not found.');
      return location(f);
    });
  }

  /** Dify's pipeline upload: a workspace file, created by the acting account, not yet part of any document. */
  async upload(req: KnowledgeRequest) {
    const actor = await this.access.actor(req);
    const f = await this.files.register(req.tenantId, actor ?? req.tenantId, req.upload as StoredUpload);
    return {
      id: f.id,
      name: f.name,
      size: Number(f.size),
      extension: f.extension,
      mime_type: f.mimeType,
      created_by: f.createdBy,
      created_at: difyIsoDateTime(f.createdAt),
    };
  }

  /** Only ever called after the gateway checked the URL's signature, which names the file. */
  async locate(fileId: string): Promise<DownloadableFile> {
    const f = isUuid(fileId) ? await this.files.findById(fileId) : null;
    if (!f) throw new NotFoundError('File not found.');
    return location(f);
  }
}
