import { Injectable } from '@nestjs/common';
import { ContractPayloadOf, DatasetContracts, InvalidActionError, parseAfterLookup } from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { SegmentsService } from '../segments/segments.service';

const C = DatasetContracts.console;

/**
 * The console's segment browser in Dify's console shapes (one segment added at a time, fields sent
 * flat, batches named by `?segment_id=`), on top of the same SegmentsService the Service API uses.
 */
@Injectable()
export class ConsoleSegmentsService {
  constructor(private readonly segments: SegmentsService) {}

  async create(req: ContractPayloadOf<typeof C.segmentCreate>) {
    const b = req.body;
    const { data, doc_form } = await this.segments.create({ ...req, body: { segments: [{ content: b.content, answer: b.answer, keywords: b.keywords }] } });
    return { data: data[0], doc_form };
  }

  update(req: ContractPayloadOf<typeof C.segmentUpdate>) {
    return this.segments.update({ ...req, body: { segment: req.body } });
  }

  /** `PATCH …/segment/{enable|disable}?segment_id=…`: disabled segments leave the index, enabled ones return to it. */
  async setEnabled(req: KnowledgeRequest) {
    if (req.action !== 'enable' && req.action !== 'disable') throw new InvalidActionError(`Invalid action: ${req.action}. Use enable or disable.`);
    const { segment_ids } = parseAfterLookup(C.segmentsStatus, 'body', req.body);
    // Every id must belong to the document before anything changes.
    const { doc } = await this.segments.context(req);
    for (const id of segment_ids) await this.segments.segment({ ...req, segmentId: id }, doc);
    for (const id of segment_ids) await this.segments.update({ ...req, segmentId: id, body: { segment: { enabled: req.action === 'enable' } } });
    return { result: 'success' };
  }

  async remove(req: ContractPayloadOf<typeof C.segmentsDelete>) {
    const { segment_ids } = req.body;
    const { doc } = await this.segments.context(req);
    for (const id of segment_ids) await this.segments.segment({ ...req, segmentId: id }, doc);
    for (const id of segment_ids) await this.segments.remove({ ...req, segmentId: id });
    return { result: 'success' };
  }
}
