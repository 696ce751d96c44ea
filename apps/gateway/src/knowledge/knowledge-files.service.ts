import { Injectable } from '@nestjs/common';
import { ChatContracts, DatasetContracts } from '@sluice/contracts';
import { FileStorage } from '@sluice/storage';
import { AccountContext } from '../common/caller';
import { ServiceProxy } from '../common/service-proxy';
import { KnowledgeCaller, KnowledgeProxy } from './knowledge-proxy.service';
import { KnowledgeUploadService } from './knowledge-upload.service';

/** Routes that take a multipart file: check, store under a server key, then hand the key to a service. */
@Injectable()
export class KnowledgeFilesService {
  constructor(
    private readonly uploads: KnowledgeUploadService,
    private readonly knowledge: KnowledgeProxy,
    private readonly proxy: ServiceProxy,
    private readonly storage: FileStorage,
  ) {}

  async createByFile(c: KnowledgeCaller, datasetId: string, files: Express.Multer.File[] | undefined, form: any) {
    const body = this.uploads.parseData(form?.data);
    const upload = await this.uploads.store(this.tenantOf(c), files, { required: true });
    // The dataset service records the file, or deletes it when the request is refused.
    return this.knowledge.call(DatasetContracts.documents.createByFile, c, { datasetId, body, upload });
  }

  async updateByFile(c: KnowledgeCaller, datasetId: string, documentId: string, files: Express.Multer.File[] | undefined, form: any) {
    const body = this.uploads.parseData(form?.data);
    const upload = await this.uploads.store(this.tenantOf(c), files, { required: false });
    return this.knowledge.call(DatasetContracts.documents.updateByFile, c, { datasetId, documentId, body, upload });
  }

  /** Dify's console upload (step one of adding documents): the file is registered like any other upload. */
  async consoleUpload(a: AccountContext, files: Express.Multer.File[] | undefined) {
    const upload = (await this.uploads.store(a.tenantId, files, { required: true, console: true }))!;
    try {
      return await this.proxy.call(ChatContracts.fileCreate, { caller: { tenantId: a.tenantId, accountId: a.accountId }, upload });
    } catch (err) {
      await this.storage.delete(upload.storageKey).catch(() => undefined);
      throw err;
    }
  }

  /** Dify's `datasets/pipeline/file-upload`: a document-type file, recorded for the workspace (no dataset yet). */
  async pipelineUpload(c: KnowledgeCaller, files: Express.Multer.File[] | undefined) {
    const upload = (await this.uploads.store(this.tenantOf(c), files, { required: true }))!;
    try {
      return await this.knowledge.call(DatasetContracts.files.upload, c, { upload });
    } catch (err) {
      await this.storage.delete(upload.storageKey).catch(() => undefined);
      throw err;
    }
  }

  private tenantOf(c: KnowledgeCaller): string {
    return c.kind === 'api' ? c.key.tenantId : c.account.tenantId;
  }
}
