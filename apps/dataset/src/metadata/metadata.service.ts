import { Injectable } from '@nestjs/common';
import { InvalidActionError, InvalidMetadataError, InvalidParamError, NotFoundError, isUuid, parseAfterLookup } from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { DatasetContracts } from '@sluice/contracts';
import { DatasetMetadata } from '@sluice/database';
import { BUILT_IN_FIELDS, BUILT_IN_NAMES, DocumentsRepository, MetadataRepository } from '@sluice/knowledge';
import { DatasetAccess } from '../common/dataset-access.service';

/** Dataset metadata fields (string | number | time) and their values on documents; filters in retrieval read them. */
@Injectable()
export class MetadataService {
  constructor(
    private readonly access: DatasetAccess,
    private readonly repo: MetadataRepository,
    private readonly documents: DocumentsRepository,
  ) {}

  async create(req: KnowledgeRequest) {
    const dataset = await this.access.dataset(req);
    const b = parseAfterLookup(DatasetContracts.metadata.create, 'body', req.body);
    if (BUILT_IN_NAMES.has(b.name)) throw new InvalidParamError('Metadata name already exists in Built-in fields.', { params: 'name' });
    const row = await this.repo.create({ tenantId: req.tenantId, datasetId: dataset.id, name: b.name, type: b.type });
    return { id: row.id, name: row.name, type: row.type };
  }

  async list(req: KnowledgeRequest) {
    const dataset = await this.access.dataset(req);
    const fields = await this.repo.fields(req.tenantId, dataset.id);
    const counts = await this.repo.counts(
      req.tenantId,
      dataset.id,
      fields.map((f) => f.name),
    );
    return {
      doc_metadata: fields.map((f) => ({ id: f.id, name: f.name, type: f.type, count: counts.get(f.name) ?? 0 })),
      built_in_field_enabled: dataset.builtInFieldEnabled,
    };
  }

  async update(req: KnowledgeRequest) {
    const field = await this.field(req);
    const { name } = parseAfterLookup(DatasetContracts.metadata.update, 'body', req.body);
    if (BUILT_IN_NAMES.has(name)) throw new InvalidParamError('Metadata name already exists in Built-in fields.', { params: 'name' });
    if (name !== field.name) await this.repo.rename(field, name);
    return { id: field.id, name, type: field.type };
  }

  async remove(req: KnowledgeRequest): Promise<void> {
    await this.repo.delete(await this.field(req));
  }

  async builtIn(req: KnowledgeRequest) {
    await this.access.dataset(req);
    return { fields: BUILT_IN_FIELDS.map((f) => ({ ...f })) };
  }

  async toggleBuiltIn(req: KnowledgeRequest) {
    const dataset = await this.access.dataset(req);
    if (req.action !== 'enable' && req.action !== 'disable') throw new InvalidActionError(`Invalid action: ${req.action}. Use enable or disable.`);
    await this.repo.setBuiltIn(req.tenantId, dataset.id, req.action === 'enable');
    return { result: 'success' };
  }

  /** Dify replaces a document's values with the list given (built-in values stay). */
  async updateDocuments(req: KnowledgeRequest) {
    const dataset = await this.access.dataset(req);
    const { operation_data } = parseAfterLookup(DatasetContracts.documents.updateMetadata, 'body', req.body);
    const fields = new Map((await this.repo.fields(req.tenantId, dataset.id)).map((f) => [f.id, f]));
    const docIds = operation_data.map((o) => o.document_id);
    const docs = await this.documents.findMany(req.tenantId, dataset.id, docIds.filter(isUuid));
    const missing = docIds.find((id) => !docs.some((d) => d.id === id));
    if (missing) throw new NotFoundError(`Document ${missing} not found.`);
    const updates = operation_data.map((op) => {
      const values: Record<string, unknown> = {};
      for (const item of op.metadata_list) {
        if (item.id === 'built-in' || BUILT_IN_NAMES.has(item.name)) continue;
        const field = fields.get(item.id);
        if (!field) throw new InvalidMetadataError(`Metadata field ${item.id} (${item.name}) does not exist in this dataset.`);
        values[field.name] = coerce(field, item.value ?? null);
      }
      return { id: op.document_id, values };
    });
    for (const u of updates) await this.repo.setDocumentValues(req.tenantId, u.id, u.values);
    return { result: 'success' };
  }

  private async field(req: KnowledgeRequest): Promise<DatasetMetadata> {
    const dataset = await this.access.dataset(req);
    const row = isUuid(req.metadataId) ? await this.repo.find(req.tenantId, dataset.id, req.metadataId) : null;
    if (!row) throw new NotFoundError('Metadata not found.');
    return row;
  }
}

/** Values are stored typed so filters compare numbers and times as numbers. */
function coerce(field: DatasetMetadata, value: string | number | null): string | number | null {
  if (value === null || value === '') return null;
  if (field.type === 'string') return String(value);
  if (field.type === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) throw new InvalidMetadataError(`Metadata ${field.name} must be a number.`);
    return n;
  }
  const t = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Math.floor(Date.parse(value) / 1000);
  if (!Number.isFinite(t)) throw new InvalidMetadataError(`Metadata ${field.name} must be a time (unix seconds or an ISO date).`);
  return t;
}
