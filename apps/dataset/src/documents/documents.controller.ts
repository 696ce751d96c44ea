import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KnowledgePatterns } from '@sluice/contracts';
import { KnowledgeRequest } from '../common/knowledge-request';
import { DocumentDownloads } from './document-downloads.service';
import { DocumentLifecycle } from './document-lifecycle.service';
import { DocumentsService } from './documents.service';

const P = KnowledgePatterns.documents;

/** Document message handlers: one line each into a service. */
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService, private readonly lifecycle: DocumentLifecycle, private readonly downloads: DocumentDownloads) {}

  @MessagePattern(P.download)
  download(@Payload() p: KnowledgeRequest) {
    return this.downloads.download(p);
  }

  @MessagePattern(P.downloadZip)
  downloadZip(@Payload() p: KnowledgeRequest) {
    return this.downloads.downloadZip(p);
  }

  @MessagePattern(P.processRule)
  processRule(@Payload() p: KnowledgeRequest) {
    return this.documents.processRule(p);
  }

  @MessagePattern(KnowledgePatterns.files.upload)
  uploadFile(@Payload() p: KnowledgeRequest) {
    return this.downloads.upload(p);
  }

  @MessagePattern(KnowledgePatterns.files.locate)
  locateFile(@Payload() p: { fileId: string }) {
    return this.downloads.locate(p.fileId);
  }

  @MessagePattern(P.createByText)
  createByText(@Payload() p: KnowledgeRequest) {
    return this.documents.createByText(p);
  }

  @MessagePattern(P.createByFile)
  createByFile(@Payload() p: KnowledgeRequest) {
    return this.documents.createByFile(p);
  }

  @MessagePattern(P.createFromUploads)
  createFromUploads(@Payload() p: KnowledgeRequest) {
    return this.documents.createFromUploads(p);
  }

  @MessagePattern(P.updateByText)
  updateByText(@Payload() p: KnowledgeRequest) {
    return this.lifecycle.updateByText(p);
  }

  @MessagePattern(P.updateByFile)
  updateByFile(@Payload() p: KnowledgeRequest) {
    return this.lifecycle.updateByFile(p);
  }

  @MessagePattern(P.list)
  list(@Payload() p: KnowledgeRequest) {
    return this.documents.list(p);
  }

  @MessagePattern(P.get)
  get(@Payload() p: KnowledgeRequest) {
    return this.documents.get(p);
  }

  @MessagePattern(P.delete)
  async remove(@Payload() p: KnowledgeRequest) {
    await this.documents.remove(p);
    return { result: 'success' };
  }

  @MessagePattern(P.indexingStatus)
  indexingStatus(@Payload() p: KnowledgeRequest) {
    return this.documents.indexingStatus(p);
  }

  @MessagePattern(P.setStatus)
  setStatus(@Payload() p: KnowledgeRequest) {
    return this.lifecycle.setStatus(p);
  }

  @MessagePattern(P.pause)
  async pause(@Payload() p: KnowledgeRequest) {
    await this.lifecycle.pause(p);
    return { result: 'success' };
  }

  @MessagePattern(P.resume)
  async resume(@Payload() p: KnowledgeRequest) {
    await this.lifecycle.resume(p);
    return { result: 'success' };
  }

  @MessagePattern(P.retry)
  async retry(@Payload() p: KnowledgeRequest) {
    await this.lifecycle.retry(p);
    return { result: 'success' };
  }
}
