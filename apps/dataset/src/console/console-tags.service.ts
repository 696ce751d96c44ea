import { Injectable } from '@nestjs/common';
import { ContractPayloadOf, DatasetContracts } from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { TagsService } from '../tags/tags.service';

const P = DatasetContracts.console;
const typeOf = (v: unknown) => (v as { type?: unknown } | undefined)?.type ?? 'knowledge';

/**
 * Dify's console tags (`/tags?type=…`, `/tag-bindings/…`) over the knowledge tags the Service API
 * serves. Sluice tags knowledge bases only: `type=app` lists nothing and cannot be created.
 */
@Injectable()
export class ConsoleTagsService {
  constructor(private readonly tags: TagsService) {}

  async list(req: KnowledgeRequest) {
    if (typeOf(req.query) !== 'knowledge') return [];
    return this.tags.list(req);
  }

  /** Bodies of `type` other than knowledge were refused on receipt (the contract's knowledgeTagBody). */
  create(req: ContractPayloadOf<typeof P.tagCreate>) {
    return this.tags.create(req);
  }

  update(req: ContractPayloadOf<typeof P.tagUpdate>, tagId: string) {
    return this.tags.update({ ...req, body: { ...req.body, tag_id: tagId } });
  }

  async remove(req: KnowledgeRequest, tagId: string) {
    await this.tags.remove({ ...req, body: { tag_id: tagId } });
    return { result: 'success' };
  }

  async bind(req: ContractPayloadOf<typeof P.tagBind>) {
    await this.tags.bind(req);
    return { result: 'success' };
  }

  async unbind(req: ContractPayloadOf<typeof P.tagUnbind>) {
    await this.tags.unbind(req);
    return { result: 'success' };
  }
}
