import { Injectable, Logger } from '@nestjs/common';
import {
  ArchivedDocumentImmutableError,
  DocumentAlreadyFinishedError,
  DocumentIndexingError,
  InvalidActionError,
  InvalidParamError,
  NotFoundError,
  isUuid,
  parseAfterLookup,
} from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { DatasetContracts } from '@sluice/contracts';
import { Dataset, DatasetDocument, UploadFile } from '@sluice/database';
import { IngestQueue, SegmentIndexer } from '@sluice/knowledge';
import { DocumentsRepository } from '@sluice/knowledge';
import { DatasetAccess } from '../common/dataset-access.service';
import { newBatchId } from './batch-id';
import { DocumentFiles } from './document-files.service';
import { DocumentSettings } from './document-settings.service';
import { isInFlight } from './document-status';
import { DocumentsService } from './documents.service';
import { ProcessRulesRepository } from './process-rules.repository';

const ACTIONS = new Set(['enable', 'disable', 'archive', 'un_archive']);

/**
 * Changes to existing documents: re-ingestion (update, retry), pause/resume, and the enable /
 * disable / archive switches. Re-ingestion always moves to a new generation first, so a job still
 * running for the old content can no longer write anything.
 */
@Injectable()
export class DocumentLifecycle {
  private readonly log = new Logger(DocumentLifecycle.name);

  constructor(
    private readonly access: DatasetAccess,
    private readonly repo: DocumentsRepository,
    private readonly files: DocumentFiles,
    private readonly settings: DocumentSettings,
    private readonly documents: DocumentsService,
    private readonly queue: IngestQueue,
    private readonly indexer: SegmentIndexer,
    private readonly rules: ProcessRulesRepository,
  ) {}

  async updateByText(req: KnowledgeRequest) {
    const { dataset, doc } = await this.editable(req);
    const b = parseAfterLookup(DatasetContracts.documents.updateByText, 'body', req.body);
    if (b.text !== undefined && !b.name) throw new InvalidParamError('name is required when text is given.', { params: 'name' });
    const actor = await this.access.actor(req);
    const file = b.text !== undefined ? await this.files.storeText(req.tenantId, actor ?? req.tenantId, b.name!, b.text) : null;
    return this.reingest(req, dataset, doc, { name: b.name, file, rule: b.process_rule ?? b.text_preprocessing_rule });
  }

  async updateByFile(req: KnowledgeRequest) {
    try {
      const { dataset, doc } = await this.editable(req);
      const b = parseAfterLookup(DatasetContracts.documents.updateByFile, 'body', req.body);
      const actor = await this.access.actor(req);
      const file = req.upload ? await this.files.register(req.tenantId, actor ?? req.tenantId, req.upload) : null;
      return await this.reingest(req, dataset, doc, { name: b.name ?? file?.name, file, rule: b.process_rule ?? b.text_preprocessing_rule });
    } catch (err) {
      await this.files.discard(req.upload);
      throw err;
    }
  }

  async setStatus(req: KnowledgeRequest) {
    const dataset = await this.access.dataset(req);
    if (!req.action || !ACTIONS.has(req.action)) throw new InvalidActionError(`Invalid action: ${req.action}. Use enable, disable, archive or un_archive.`);
    const { document_ids } = parseAfterLookup(DatasetContracts.documents.setStatus, 'body', req.body);
    const docs = await this.loadAll(req, dataset, document_ids);
    const now = new Date();
    const change: Record<string, { pick: (d: DatasetDocument) => boolean; set: Partial<DatasetDocument> }> = {
      enable: { pick: (d) => !d.enabled, set: { enabled: true, disabledAt: null } },
      disable: { pick: (d) => d.enabled, set: { enabled: false, disabledAt: now } },
      archive: { pick: (d) => !d.archived, set: { archived: true, archivedAt: now } },
      un_archive: { pick: (d) => d.archived, set: { archived: false, archivedAt: null } },
    };
    if (req.action === 'disable') {
      const busy = docs.find((d) => d.indexingStatus !== 'completed');
      if (busy) throw new DocumentIndexingError(`Document: ${busy.name} is not completed.`);
    }
    const { pick, set } = change[req.action];
    // Retrieval reads these flags on every query, so no vectors need to move.
    await this.repo.updateMany(
      req.tenantId,
      dataset.id,
      docs.filter(pick).map((d) => d.id),
      { ...set, updatedBy: await this.access.actor(req) },
    );
    return { result: 'success' };
  }

  async pause(req: KnowledgeRequest): Promise<void> {
    const dataset = await this.access.dataset(req);
    const doc = await this.access.document(req, dataset);
    if (!isInFlight(doc)) throw new DocumentAlreadyFinishedError('The document has been processed. Please refresh the page or go to the document details.');
    if (!(await this.repo.pause(req.tenantId, doc.id, await this.access.actor(req)))) {
      throw new DocumentAlreadyFinishedError('The document has been processed. Please refresh the page or go to the document details.');
    }
  }

  async resume(req: KnowledgeRequest): Promise<void> {
    const dataset = await this.access.dataset(req);
    const doc = await this.access.document(req, dataset);
    if (doc.indexingStatus === 'completed')
      throw new DocumentAlreadyFinishedError('The document has been processed. Please refresh the page or go to the document details.');
    if (doc.indexingStatus === 'error') throw new InvalidActionError('The document stopped with an error; retry it to start over.');
    if (!doc.isPaused) throw new InvalidActionError('The document is not paused.');
    await this.repo.update(req.tenantId, doc.id, { isPaused: false, pausedAt: null, pausedBy: null });
    // Same generation: the pipeline continues from the stage it had reached.
    await this.queue.enqueueDocument({ tenantId: req.tenantId, datasetId: dataset.id, documentId: doc.id, generation: doc.generation });
  }

  /** Dify's retry: every listed document that has not completed starts over; others are skipped. */
  async retry(req: KnowledgeRequest): Promise<void> {
    const dataset = await this.access.dataset(req);
    const { document_ids } = parseAfterLookup(DatasetContracts.documents.retry, 'body', req.body);
    const docs = await this.repo.findMany(req.tenantId, dataset.id, document_ids.filter(isUuid));
    for (const doc of docs.filter((d) => d.indexingStatus !== 'completed')) await this.restart(req, dataset, doc, {});
  }

  private async reingest(req: KnowledgeRequest, dataset: Dataset, doc: DatasetDocument, c: { name?: string; file: UploadFile | null; rule?: unknown }) {
    if (!c.file && c.rule == null) {
      // Only a rename: nothing to process again.
      if (c.name && c.name !== doc.name) await this.repo.update(req.tenantId, doc.id, { name: c.name, updatedBy: await this.access.actor(req) });
      return { document: await this.documents.view(dataset, { ...doc, name: c.name ?? doc.name } as DatasetDocument), batch: doc.batch };
    }
    const patch: Partial<DatasetDocument> = { batch: newBatchId(), updatedBy: await this.access.actor(req) };
    if (c.name) patch.name = c.name;
    if (c.file) Object.assign(patch, { fileId: c.file.id, dataSourceInfo: { upload_file_id: c.file.id } });
    if (c.rule != null) {
      const s = this.settings.resolve(dataset, { process_rule: c.rule, doc_form: doc.docForm as 'text_model' });
      patch.processRule = s.processRule as unknown as Record<string, unknown>;
      patch.datasetProcessRuleId = (await this.rules.insert(req.tenantId, dataset.id, s.processRule, await this.access.actor(req))).id;
    }
    await this.restart(req, dataset, doc, patch);
    if (c.file && doc.fileId && doc.fileId !== c.file.id) await this.files.removeUnreferenced(req.tenantId, [doc.fileId]);
    const fresh = await this.access.document(req, dataset, doc.id);
    return { document: await this.documents.view(dataset, fresh), batch: fresh.batch };
  }

  /** New generation, old segments and vectors gone, back in the queue. */
  private async restart(req: KnowledgeRequest, dataset: Dataset, doc: DatasetDocument, patch: Partial<DatasetDocument>) {
    const generation = await this.repo.restart(req.tenantId, doc.id, patch);
    await this.indexer.removeDocumentVectors(dataset.id, doc.id).catch((err) => this.log.warn(`vectors of document ${doc.id}: ${err.message}`));
    await this.queue.enqueueDocument({ tenantId: req.tenantId, datasetId: dataset.id, documentId: doc.id, generation });
  }

  private async editable(req: KnowledgeRequest) {
    const dataset = await this.access.dataset(req);
    const doc = await this.access.document(req, dataset);
    if (doc.archived) throw new ArchivedDocumentImmutableError('The archived document is not editable.');
    return { dataset, doc };
  }

  private async loadAll(req: KnowledgeRequest, dataset: Dataset, ids: string[]): Promise<DatasetDocument[]> {
    const unique = [...new Set(ids)];
    const docs = await this.repo.findMany(req.tenantId, dataset.id, unique.filter(isUuid));
    const missing = unique.find((id) => !docs.some((d) => d.id === id));
    if (missing) throw new NotFoundError(`Document ${missing} not found.`);
    return docs;
  }
}
