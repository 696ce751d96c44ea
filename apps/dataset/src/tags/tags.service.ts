import { Injectable } from '@nestjs/common';
import { ContractPayloadOf, DatasetContracts, NotFoundError, isUuid } from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { TagsRepository } from '@sluice/knowledge';
import { DatasetAccess } from '../common/dataset-access.service';

const P = DatasetContracts.tags;

/** Dify's knowledge tags: labels for datasets, used to group and filter them (`tag_ids` on the list). */
@Injectable()
export class TagsService {
  constructor(
    private readonly repo: TagsRepository,
    private readonly access: DatasetAccess,
  ) {}

  list(req: KnowledgeRequest) {
    const keyword = (req.query as { keyword?: string } | undefined)?.keyword;
    return this.repo.list(req.tenantId, typeof keyword === 'string' ? keyword.trim() : undefined);
  }

  async create(req: ContractPayloadOf<typeof P.create>) {
    const { name } = req.body;
    const id = await this.repo.create(req.tenantId, name, await this.access.actor(req));
    // Dify sends binding_count as a string (its serialiser coerces the count).
    return { id, name, type: 'knowledge', binding_count: '0' };
  }

  async update(req: ContractPayloadOf<typeof P.update>) {
    const b = req.body;
    await this.tag(req.tenantId, b.tag_id);
    await this.repo.rename(req.tenantId, b.tag_id, b.name);
    return this.tag(req.tenantId, b.tag_id);
  }

  async remove(req: ContractPayloadOf<typeof P.delete>): Promise<void> {
    const { tag_id } = req.body;
    await this.tag(req.tenantId, tag_id);
    await this.repo.delete(req.tenantId, tag_id);
  }

  async bind(req: ContractPayloadOf<typeof P.bind>): Promise<void> {
    const b = req.body;
    await this.access.dataset({ ...req, datasetId: b.target_id });
    const ids = [...new Set(b.tag_ids)];
    const found = await this.repo.existing(req.tenantId, ids.filter(isUuid));
    const missing = ids.find((id) => !found.includes(id));
    if (missing) throw new NotFoundError(`Tag ${missing} not found.`);
    await this.repo.bind(req.tenantId, ids, b.target_id, await this.access.actor(req));
  }

  async unbind(req: ContractPayloadOf<typeof P.unbind>): Promise<void> {
    const b = req.body;
    await this.access.dataset({ ...req, datasetId: b.target_id });
    for (const id of new Set(b.tag_ids.filter(isUuid))) await this.repo.unbind(req.tenantId, id, b.target_id);
  }

  async ofDataset(req: KnowledgeRequest) {
    const dataset = await this.access.dataset(req);
    const tags = (await this.repo.tagsOf(req.tenantId, [dataset.id])).get(dataset.id) ?? [];
    return { data: tags.map((t) => ({ id: t.id, name: t.name })), total: tags.length };
  }

  private async tag(tenantId: string, id: string) {
    const row = isUuid(id) ? await this.repo.find(tenantId, id) : null;
    if (!row) throw new NotFoundError('Tag not found.');
    return row;
  }
}
