import { Injectable, Logger } from '@nestjs/common';
import {
  ArchivedDocumentImmutableError,
  KNOWLEDGE_FILE_EXTENSIONS,
  NotFoundError,
  UnsupportedFileTypeError,
  isUuid,
  parseAfterLookup,
} from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { DatasetContracts } from '@sluice/contracts';
import { DocumentSettingsDto } from '@sluice/contracts';
import { Dataset, DatasetDocument, UploadFile } from '@sluice/database';
import { IngestQueue, SegmentIndexer } from '@sluice/knowledge';
import { MetadataRepository } from '@sluice/knowledge';
import { DocumentsRepository } from '@sluice/knowledge';
import { MAX_SEGMENTATION_LENGTH } from '@sluice/rag';
import { DatasetAccess } from '../common/dataset-access.service';
import { pageBody } from '../common/pagination';
import { DatasetsService } from '../datasets/datasets.service';
import { newBatchId } from './batch-id';
import { DocumentFiles } from './document-files.service';
import { DocumentSettings } from './document-settings.service';
import { datasetProcessRuleView, documentDetailView, documentView, indexingStatusView } from './document-view';
import { ProcessRulesRepository } from './process-rules.repository';

@Injectable()
export class DocumentsService {
  private readonly log = new Logger(DocumentsService.name);

  constructor(
    private readonly access: DatasetAccess,
    private readonly repo: DocumentsRepository,
    private readonly datasetsService: DatasetsService,
    private readonly metadata: MetadataRepository,
    private readonly files: DocumentFiles,
    private readonly settings: DocumentSettings,
    private readonly queue: IngestQueue,
    private readonly indexer: SegmentIndexer,
    private readonly rules: ProcessRulesRepository,
  ) {}

  async createByText(req: KnowledgeRequest) {
    const dataset = await this.access.dataset(req);
    const b = parseAfterLookup(DatasetContracts.documents.createByText, 'body', req.body);
    const s = this.settings.resolve(dataset, b);
    const actor = await this.access.actor(req);
    const file = await this.files.storeText(req.tenantId, actor ?? req.tenantId, b.name, b.text);
    const { documents, batch } = await this.createDocuments(req, dataset, b, s, [{ file, name: b.name }], actor);
    return { document: await this.view(dataset, documents[0]), batch };
  }

  async createByFile(req: KnowledgeRequest) {
    try {
      const dataset = await this.access.dataset(req);
      const b = parseAfterLookup(DatasetContracts.documents.createByFile, 'body', req.body);
      const s = this.settings.resolve(dataset, b);
      const actor = await this.access.actor(req);
      const file = await this.files.register(req.tenantId, actor ?? req.tenantId, req.upload!);
      const { documents, batch } = await this.createDocuments(req, dataset, b, s, [{ file, name: b.name ?? file.name }], actor);
      return { document: await this.view(dataset, documents[0]), batch };
    } catch (err) {
      await this.files.discard(req.upload);
      throw err;
    }
  }

  /** Dify's console flow: files uploaded first (`/files/upload`), then documents made from their ids. */
  async createFromUploads(req: KnowledgeRequest) {
    const dataset = await this.access.dataset(req);
    const b = parseAfterLookup(DatasetContracts.documents.createFromUploads, 'body', req.body);
    const ids = [...new Set(b.data_source.info_list.file_info_list.file_ids)];
    const found = new Map((await this.files.findMany(req.tenantId, ids.filter(isUuid))).map((f) => [f.id, f]));
    const missing = ids.find((id) => !found.has(id));
    if (missing) throw new NotFoundError(`File ${missing} not found.`);
    for (const f of found.values()) {
      if (!KNOWLEDGE_FILE_EXTENSIONS.includes(f.extension.toLowerCase()))
        throw new UnsupportedFileTypeError(`File type not allowed in a knowledge base: .${f.extension}`);
    }
    const s = this.settings.resolve(dataset, b);
    const actor = await this.access.actor(req);
    const { documents, batch } = await this.createDocuments(
      req,
      dataset,
      b,
      s,
      ids.map((id) => ({ file: found.get(id)!, name: found.get(id)!.name })),
      actor,
    );
    const views = await Promise.all(documents.map((d) => this.view(dataset, d)));
    return { dataset: await this.datasetsService.view(dataset), documents: views, batch };
  }

  async list(req: KnowledgeRequest) {
    const dataset = await this.access.dataset(req);
    const q = parseAfterLookup(DatasetContracts.documents.list, 'query', req.query);
    const { rows, total } = await this.repo.page(req.tenantId, dataset.id, q);
    const hits = await this.repo.hitCounts(
      req.tenantId,
      rows.map((r) => r.id),
    );
    const fields = await this.metadata.fields(req.tenantId, dataset.id);
    const files = await this.filesOf(req.tenantId, rows);
    const data = rows.map((d) => documentView(d, { hitCount: hits.get(d.id), fields, builtIn: dataset.builtInFieldEnabled, file: files.get(d.fileId ?? '') }));
    return pageBody(data, total, q.page, q.limit);
  }

  async get(req: KnowledgeRequest) {
    const dataset = await this.access.dataset(req);
    const doc = await this.access.document(req, dataset);
    const { metadata } = parseAfterLookup(DatasetContracts.documents.get, 'query', req.query);
    const hits = await this.repo.hitCounts(doc.tenantId, [doc.id]);
    const fields = await this.metadata.fields(dataset.tenantId, dataset.id);
    const view = documentDetailView(doc, {
      hitCount: hits.get(doc.id),
      fields,
      builtIn: dataset.builtInFieldEnabled,
      file: (await this.filesOf(req.tenantId, [doc])).get(doc.fileId ?? ''),
      rule: (await this.rules.byIds(req.tenantId, [doc.datasetProcessRuleId])).get(doc.datasetProcessRuleId ?? ''),
      latestRule: await this.rules.latest(req.tenantId, dataset.id),
    });
    if (metadata === 'only') return { id: view.id, doc_type: null, doc_metadata: view.doc_metadata };
    if (metadata === 'without') {
      const { doc_metadata: _omit, ...rest } = view;
      return rest;
    }
    return view;
  }

  /** Rows first, then vectors and files; a worker still busy with it finds the row gone and cleans up after itself. */
  async remove(req: KnowledgeRequest): Promise<void> {
    const dataset = await this.access.dataset(req);
    const doc = await this.access.document(req, dataset);
    if (doc.archived && req.via === 'api') throw new ArchivedDocumentImmutableError('The archived document is not editable.');
    await this.repo.delete(req.tenantId, doc.id);
    await this.indexer.removeDocumentVectors(dataset.id, doc.id).catch((err) => this.log.warn(`vectors of document ${doc.id}: ${err.message}`));
    await this.files.removeUnreferenced(req.tenantId, [doc.fileId]);
    await this.files.removeIngestArtifacts(req.tenantId, doc.id);
  }

  async indexingStatus(req: KnowledgeRequest) {
    const dataset = await this.access.dataset(req);
    if (req.documentId) return indexingStatusView(await this.access.document(req, dataset));
    const docs = req.batch ? await this.repo.byBatch(req.tenantId, dataset.id, req.batch) : [];
    if (!docs.length) throw new NotFoundError('Documents not found.');
    return { data: docs.map(indexingStatusView) };
  }

  async view(dataset: Dataset, doc: DatasetDocument) {
    const hits = await this.repo.hitCounts(doc.tenantId, [doc.id]);
    const fields = await this.metadata.fields(dataset.tenantId, dataset.id);
    const file = (await this.filesOf(doc.tenantId, [doc])).get(doc.fileId ?? '');
    return documentView(doc, { hitCount: hits.get(doc.id), fields, builtIn: dataset.builtInFieldEnabled, file });
  }

  private async filesOf(tenantId: string, docs: DatasetDocument[]): Promise<Map<string, UploadFile>> {
    const ids = [...new Set(docs.map((d) => d.fileId).filter((x): x is string => !!x))];
    return new Map((ids.length ? await this.files.findMany(tenantId, ids) : []).map((f) => [f.id, f]));
  }

  /** Dify's GET /datasets/process-rule: the rule of a document's dataset (latest), else the automatic default. */
  async processRule(req: KnowledgeRequest) {
    let latest = null;
    if (req.documentId) {
      const doc = isUuid(req.documentId) ? await this.repo.findInTenant(req.tenantId, req.documentId) : null;
      if (!doc) throw new NotFoundError('Document not found.');
      latest = await this.rules.latest(req.tenantId, doc.datasetId);
    }
    return { ...datasetProcessRuleView(latest), limits: { indexing_max_segmentation_tokens_length: MAX_SEGMENTATION_LENGTH } };
  }

  /** Inserts `waiting` rows in one batch, then hands each to the pipeline. */
  private async createDocuments(
    req: KnowledgeRequest,
    dataset: Dataset,
    b: DocumentSettingsDto,
    s: ReturnType<DocumentSettings['resolve']>,
    items: { file: UploadFile; name: string }[],
    actor: string | null,
  ) {
    await this.settings.applyToDataset(dataset, b, s);
    const rule = await this.rules.insert(req.tenantId, dataset.id, s.processRule, actor);
    const batch = newBatchId();
    const documents = await this.repo.insertMany(
      dataset.id,
      items.map(({ file, name }) => ({
        tenantId: req.tenantId,
        datasetId: dataset.id,
        dataSourceType: 'upload_file',
        dataSourceInfo: { upload_file_id: file.id },
        fileId: file.id,
        processRule: s.processRule as unknown as Record<string, unknown>,
        datasetProcessRuleId: rule.id,
        batch,
        name,
        createdFrom: req.via === 'api' ? 'api' : 'web',
        createdBy: actor,
        updatedBy: actor,
        indexingStatus: 'waiting' as const,
        generation: 0,
        docForm: s.docForm,
        docLanguage: s.docLanguage,
        docMetadata: {},
      })),
    );
    if (dataset.builtInFieldEnabled)
      await this.metadata.fillBuiltIns(
        req.tenantId,
        dataset.id,
        documents.map((d) => d.id),
      );
    for (const d of documents) {
      await this.queue.enqueueDocument({ tenantId: req.tenantId, datasetId: dataset.id, documentId: d.id, generation: d.generation });
    }
    return { documents, batch };
  }
}
