import { Controller } from '@nestjs/common';
import { ContractPayloadOf, DatasetContracts } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { DocumentDownloads } from './document-downloads.service';
import { DocumentLifecycle } from './document-lifecycle.service';
import { DocumentsService } from './documents.service';

const P = DatasetContracts.documents;

/** Document message handlers: one line each into a service. */
@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly lifecycle: DocumentLifecycle,
    private readonly downloads: DocumentDownloads,
  ) {}

  @HandlesContract(P.download)
  download(@ContractPayload(P.download) p: ContractPayloadOf<typeof P.download>) {
    return this.downloads.download(p);
  }

  @HandlesContract(P.downloadZip)
  downloadZip(@ContractPayload(P.downloadZip) p: ContractPayloadOf<typeof P.downloadZip>) {
    return this.downloads.downloadZip(p);
  }

  @HandlesContract(P.processRule)
  processRule(@ContractPayload(P.processRule) p: ContractPayloadOf<typeof P.processRule>) {
    return this.documents.processRule(p);
  }

  @HandlesContract(DatasetContracts.files.upload)
  uploadFile(@ContractPayload(DatasetContracts.files.upload) p: ContractPayloadOf<typeof DatasetContracts.files.upload>) {
    return this.downloads.upload(p);
  }

  @HandlesContract(DatasetContracts.files.locate)
  locateFile(@ContractPayload(DatasetContracts.files.locate) p: { fileId: string }) {
    return this.downloads.locate(p.fileId);
  }

  @HandlesContract(P.createByText)
  createByText(@ContractPayload(P.createByText) p: ContractPayloadOf<typeof P.createByText>) {
    return this.documents.createByText(p);
  }

  @HandlesContract(P.createByFile)
  createByFile(@ContractPayload(P.createByFile) p: ContractPayloadOf<typeof P.createByFile>) {
    return this.documents.createByFile(p);
  }

  @HandlesContract(P.createFromUploads)
  createFromUploads(@ContractPayload(P.createFromUploads) p: ContractPayloadOf<typeof P.createFromUploads>) {
    return this.documents.createFromUploads(p);
  }

  @HandlesContract(P.updateByText)
  updateByText(@ContractPayload(P.updateByText) p: ContractPayloadOf<typeof P.updateByText>) {
    return this.lifecycle.updateByText(p);
  }

  @HandlesContract(P.updateByFile)
  updateByFile(@ContractPayload(P.updateByFile) p: ContractPayloadOf<typeof P.updateByFile>) {
    return this.lifecycle.updateByFile(p);
  }

  @HandlesContract(P.list)
  list(@ContractPayload(P.list) p: ContractPayloadOf<typeof P.list>) {
    return this.documents.list(p);
  }

  @HandlesContract(P.get)
  get(@ContractPayload(P.get) p: ContractPayloadOf<typeof P.get>) {
    return this.documents.get(p);
  }

  @HandlesContract(P.delete)
  async remove(@ContractPayload(P.delete) p: ContractPayloadOf<typeof P.delete>) {
    await this.documents.remove(p);
    return { result: 'success' };
  }

  @HandlesContract(P.indexingStatus)
  indexingStatus(@ContractPayload(P.indexingStatus) p: ContractPayloadOf<typeof P.indexingStatus>) {
    return this.documents.indexingStatus(p);
  }

  @HandlesContract(P.setStatus)
  setStatus(@ContractPayload(P.setStatus) p: ContractPayloadOf<typeof P.setStatus>) {
    return this.lifecycle.setStatus(p);
  }

  @HandlesContract(P.pause)
  async pause(@ContractPayload(P.pause) p: ContractPayloadOf<typeof P.pause>) {
    await this.lifecycle.pause(p);
    return { result: 'success' };
  }

  @HandlesContract(P.resume)
  async resume(@ContractPayload(P.resume) p: ContractPayloadOf<typeof P.resume>) {
    await this.lifecycle.resume(p);
    return { result: 'success' };
  }

  @HandlesContract(P.retry)
  async retry(@ContractPayload(P.retry) p: ContractPayloadOf<typeof P.retry>) {
    await this.lifecycle.retry(p);
    return { result: 'success' };
  }
}
