import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DatasetContracts, FileLocation } from '@sluice/contracts';
import { SignedFilesService } from '../files/signed-files.service';
import { KnowledgeCaller, KnowledgeProxy } from './knowledge-proxy.service';

/** A document's original upload: one as a signed URL (Dify's `…/download`), several as one ZIP. */
@Injectable()
export class KnowledgeDownloadsService {
  constructor(
    private readonly knowledge: KnowledgeProxy,
    private readonly files: SignedFilesService,
  ) {}

  async download(c: KnowledgeCaller, datasetId: string, documentId: string, req: Request) {
    const f = await this.knowledge.call(DatasetContracts.documents.download, c, { datasetId, documentId });
    return this.files.urlFor(req, f.id);
  }

  async zip(c: KnowledgeCaller, datasetId: string, body: unknown, res: Response): Promise<void> {
    const files = await this.knowledge.call(DatasetContracts.documents.downloadZip, c, { datasetId, body });
    await this.files.zip(files, res);
  }
}
