import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import {
  ContractPayloadOf,
  DatasetContracts,
  DatasetCreateDto,
  DatasetInUseError,
  ForbiddenError,
  InvalidParamError,
  isUuid,
  parseAfterLookup,
} from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { Dataset } from '@sluice/database';
import { DatasetPermissionsRepository } from '@sluice/database';
import { IngestQueue, SegmentIndexer } from '@sluice/knowledge';
import { TagsRepository } from '@sluice/knowledge';
import { DatasetsRepository } from '@sluice/knowledge';
import { VECTOR_STORE, VectorStore } from '@sluice/vector';
import { DatasetAccess, viewerOf } from '../common/dataset-access.service';
import { pageBody } from '../common/pagination';
import { DocumentFiles } from '../documents/document-files.service';
import { datasetView } from './dataset-view';

@Injectable()
export class DatasetsService {
  private readonly log = new Logger(DatasetsService.name);

  constructor(
    private readonly repo: DatasetsRepository,
    private readonly access: DatasetAccess,
    private readonly files: DocumentFiles,
    private readonly tags: TagsRepository,
    private readonly indexer: SegmentIndexer,
    private readonly queue: IngestQueue,
    private readonly cfg: AppConfig,
    private readonly permissions: DatasetPermissionsRepository,
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
  ) {}

  async create(req: ContractPayloadOf<typeof DatasetContracts.datasets.create>) {
    const b = req.body;
    if (b.provider === 'external') throw new InvalidParamError('External knowledge bases are not supported.', { params: 'provider' });
    const technique = b.indexing_technique ?? null;
    const actor = await this.access.actor(req);
    const members = await this.partialMembers(req, b.permission ?? 'only_me', b.partial_member_list, actor);
    const row = await this.repo.insert({
      tenantId: req.tenantId,
      name: b.name,
      description: b.description ?? '',
      provider: 'vendor',
      permission: b.permission ?? 'only_me',
      indexingTechnique: technique,
      ...this.embeddingFor(technique, b.embedding_model, b.embedding_model_provider),
      retrievalModel: b.retrieval_model ?? null,
      createdBy: actor,
      updatedBy: actor,
    });
    if (members) await this.permissions.replace(req.tenantId, row.id, members);
    return this.view(row);
  }

  async list(req: ContractPayloadOf<typeof DatasetContracts.datasets.list>) {
    const q = req.query;
    const keyword = (q.keyword ?? q.search ?? '').trim();
    const tagIds = q.tag_ids?.length ? q.tag_ids.filter(isUuid) : undefined;
    const { rows, total } = await this.repo.page(req.tenantId, { page: q.page, limit: q.limit, keyword, tagIds, viewer: viewerOf(req) });
    const ids = rows.map((r) => r.id);
    const [stats, tags] = await Promise.all([this.repo.stats(req.tenantId, ids), this.tags.tagsOf(req.tenantId, ids)]);
    return pageBody(
      rows.map((r) => datasetView(r, stats.get(r.id)!, tags.get(r.id))),
      total,
      q.page,
      q.limit,
    );
  }

  async get(req: KnowledgeRequest) {
    return this.view(await this.access.dataset(req), true);
  }

  /** Dify: GET …/permission-part-users — the members a partial_members dataset is shared with. */
  async partialMemberList(req: KnowledgeRequest) {
    const d = await this.access.dataset(req);
    return { data: d.permission === 'partial_members' ? await this.permissions.members(req.tenantId, d.id) : [] };
  }

  async update(req: KnowledgeRequest) {
    const d = await this.access.dataset(req);
    // After the lookup: a missing dataset is a 404 whatever the body (the contract declares it afterLookup).
    const b = parseAfterLookup(DatasetContracts.datasets.update, 'body', req.body);
    const actor = await this.access.actor(req);
    const permission = b.permission ?? d.permission;
    if (req.role === 'dataset_operator' && req.via === 'console' && (permission !== d.permission || b.partial_member_list)) {
      throw new ForbiddenError('Dataset operators cannot change who may see a dataset.');
    }
    const members = b.permission || b.partial_member_list ? await this.partialMembers(req, permission, b.partial_member_list, d.createdBy) : null;
    const patch: Partial<Dataset> = { updatedBy: actor };
    if (b.name !== undefined) patch.name = b.name;
    if (b.description !== undefined) patch.description = b.description ?? '';
    if (b.permission) patch.permission = b.permission;
    if (b.retrieval_model !== undefined) patch.retrievalModel = b.retrieval_model ?? null;
    const technique = b.indexing_technique ?? d.indexingTechnique;
    const model = this.embeddingFor(technique, b.embedding_model ?? d.embeddingModel, b.embedding_model_provider ?? d.embeddingModelProvider);
    const techniqueChanged = !!b.indexing_technique && b.indexing_technique !== d.indexingTechnique;
    const modelChanged =
      technique === 'high_quality' && (model.embeddingModel !== d.embeddingModel || model.embeddingModelProvider !== d.embeddingModelProvider);
    if (techniqueChanged || modelChanged) {
      // Vectors of another model (or of none) are useless: drop them and rebuild from the segments.
      await this.indexer.removeDatasetVectors(d.id).catch((err) => this.log.warn(`dropping vectors of ${d.id}: ${err.message}`));
      Object.assign(patch, { indexingTechnique: technique, ...model, embeddingDimension: null });
    }
    await this.repo.update(req.tenantId, d.id, patch);
    if (members) await this.permissions.replace(req.tenantId, d.id, members);
    if ((techniqueChanged || modelChanged) && technique === 'high_quality') await this.queue.enqueueReindex(req.tenantId, d.id);
    return this.get(req);
  }

  async enableApi(req: KnowledgeRequest) {
    const d = await this.access.dataset({ ...req, via: 'console' });
    if (req.action !== 'enable' && req.action !== 'disable') throw new InvalidParamError('status must be "enable" or "disable".', { params: 'status' });
    await this.repo.update(req.tenantId, d.id, { enableApi: req.action === 'enable' });
    return { result: 'success' };
  }

  async remove(req: KnowledgeRequest): Promise<void> {
    const d = await this.access.dataset(req);
    const apps = (await this.repo.appCounts(req.tenantId, [d.id])).get(d.id) ?? 0;
    if (apps > 0) {
      throw new DatasetInUseError('The dataset is being used by some apps. Please remove the dataset from the apps before deleting it.');
    }
    const info = await this.indexer.datasetInfo(d.id);
    const collection = info && this.indexer.collectionOf(info);
    const { fileIds } = await this.repo.delete(req.tenantId, d.id);
    if (collection) await this.store.deleteByDataset(collection, d.id).catch((err) => this.log.warn(`vectors of dataset ${d.id}: ${err.message}`));
    await this.files.removeUnreferenced(req.tenantId, fileIds);
  }

  /** A high_quality dataset without a chosen model gets the deployment's default on the `openai` provider. */
  embeddingFor(technique: string | null | undefined, model?: string | null, provider?: string | null) {
    if (technique !== 'high_quality') return { embeddingModel: model ?? null, embeddingModelProvider: provider ?? null };
    return { embeddingModel: model || this.cfg.knowledge.defaultEmbeddingModel, embeddingModelProvider: provider || 'openai' };
  }

  /** Who may see the dataset, as Dify stores it: for partial_members the listed members and the creator; otherwise nobody listed. */
  private async partialMembers(req: KnowledgeRequest, permission: string, list: DatasetCreateDto['partial_member_list'], creator: string | null) {
    if (permission !== 'partial_members') return [];
    const ids = [...new Set([...(list ?? []).map((m) => (typeof m === 'string' ? m : m.user_id)), ...(creator ? [creator] : [])])];
    const known = new Set(await this.permissions.workspaceMembers(req.tenantId, ids));
    const stranger = ids.find((id) => !known.has(id));
    if (stranger) throw new InvalidParamError(`${stranger} is not a member of this workspace.`, { params: 'partial_member_list' });
    return ids;
  }

  async view(d: Dataset, withMembers = false) {
    const [stats, tags] = await Promise.all([this.repo.stats(d.tenantId, [d.id]), this.tags.tagsOf(d.tenantId, [d.id])]);
    const v = datasetView(d, stats.get(d.id)!, tags.get(d.id));
    if (withMembers && d.permission === 'partial_members') return { ...v, partial_member_list: await this.permissions.members(d.tenantId, d.id) };
    return v;
  }
}
