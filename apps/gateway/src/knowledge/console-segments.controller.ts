import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { KnowledgeProxy, consoleCaller } from './knowledge-proxy.service';

const S = DatasetContracts.segments;
const C = DatasetContracts.console;

interface SegmentParams {
  dataset_id: string;
  document_id: string;
  segment_id?: string;
  child_chunk_id?: string;
  action?: string;
}

const ids = (p: SegmentParams) => ({ datasetId: p.dataset_id, documentId: p.document_id, segmentId: p.segment_id, childChunkId: p.child_chunk_id });
/** Dify's console names batches as `?segment_id=a&segment_id=b`. */
const segmentIds = (q: { segment_id?: string | string[] } | undefined) => ({
  segment_ids: q?.segment_id === undefined ? [] : Array.isArray(q.segment_id) ? q.segment_id : [q.segment_id],
});

/** Console: the segment browser of a document (Dify's console routes), on the Service API's segment service. */
@Controller('console/api/datasets/:dataset_id/documents/:document_id')
@Access('dataset_editor')
export class ConsoleSegmentsController {
  constructor(private readonly knowledge: KnowledgeProxy) {}

  @Access('member')
  @Get('segments')
  list(@CurrentAccount() a: AccountContext, @Param() p: SegmentParams, @Query() query: unknown) {
    return this.knowledge.call(S.list, consoleCaller(a), { ...ids(p), query });
  }

  @Delete('segments')
  @HttpCode(204)
  async removeMany(@CurrentAccount() a: AccountContext, @Param() p: SegmentParams, @Query() query: { segment_id?: string | string[] }) {
    await this.knowledge.call(C.segmentsDelete, consoleCaller(a), { ...ids(p), body: segmentIds(query) });
  }

  @Patch('segment/:action')
  setEnabled(@CurrentAccount() a: AccountContext, @Param() p: SegmentParams, @Query() query: { segment_id?: string | string[] }) {
    return this.knowledge.call(C.segmentsStatus, consoleCaller(a), { ...ids(p), action: p.action, body: segmentIds(query) });
  }

  @Post('segment')
  @HttpCode(200)
  create(@CurrentAccount() a: AccountContext, @Param() p: SegmentParams, @Body() body: unknown) {
    return this.knowledge.call(C.segmentCreate, consoleCaller(a), { ...ids(p), body });
  }

  @Patch('segments/:segment_id')
  update(@CurrentAccount() a: AccountContext, @Param() p: SegmentParams, @Body() body: unknown) {
    return this.knowledge.call(C.segmentUpdate, consoleCaller(a), { ...ids(p), body });
  }

  @Delete('segments/:segment_id')
  @HttpCode(204)
  async remove(@CurrentAccount() a: AccountContext, @Param() p: SegmentParams) {
    await this.knowledge.call(S.delete, consoleCaller(a), ids(p));
  }

  @Access('member')
  @Get('segments/:segment_id/child_chunks')
  childList(@CurrentAccount() a: AccountContext, @Param() p: SegmentParams, @Query() query: unknown) {
    return this.knowledge.call(S.childList, consoleCaller(a), { ...ids(p), query });
  }

  @Post('segments/:segment_id/child_chunks')
  @HttpCode(200)
  childCreate(@CurrentAccount() a: AccountContext, @Param() p: SegmentParams, @Body() body: unknown) {
    return this.knowledge.call(S.childCreate, consoleCaller(a), { ...ids(p), body });
  }

  @Patch('segments/:segment_id/child_chunks/:child_chunk_id')
  childUpdate(@CurrentAccount() a: AccountContext, @Param() p: SegmentParams, @Body() body: unknown) {
    return this.knowledge.call(S.childUpdate, consoleCaller(a), { ...ids(p), body });
  }

  @Delete('segments/:segment_id/child_chunks/:child_chunk_id')
  @HttpCode(204)
  async childDelete(@CurrentAccount() a: AccountContext, @Param() p: SegmentParams) {
    await this.knowledge.call(S.childDelete, consoleCaller(a), ids(p));
  }
}
