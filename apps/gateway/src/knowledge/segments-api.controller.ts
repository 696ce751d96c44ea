import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import { DatasetKeyContext, DatasetKeyGuard } from '../auth/dataset-key.guard';
import { DatasetKey } from '../auth/request-context.decorators';
import { KnowledgeProxy, apiCaller } from './knowledge-proxy.service';

const P = DatasetContracts.segments;

interface SegmentParams {
  dataset_id: string;
  document_id: string;
  segment_id?: string;
  child_chunk_id?: string;
}

const ids = (p: SegmentParams) => ({ datasetId: p.dataset_id, documentId: p.document_id, segmentId: p.segment_id, childChunkId: p.child_chunk_id });

/** Service API: segments of a completed document, and child chunks of hierarchical ones. */
@Controller('v1/datasets/:dataset_id/documents/:document_id/segments')
@UseGuards(DatasetKeyGuard)
export class SegmentsApiController {
  constructor(private readonly knowledge: KnowledgeProxy) {}

  @Post()
  @HttpCode(200)
  create(@DatasetKey() k: DatasetKeyContext, @Param() p: SegmentParams, @Body() body: unknown) {
    return this.knowledge.call(P.create, apiCaller(k), { ...ids(p), body });
  }

  @Get()
  list(@DatasetKey() k: DatasetKeyContext, @Param() p: SegmentParams, @Query() query: unknown) {
    return this.knowledge.call(P.list, apiCaller(k), { ...ids(p), query });
  }

  @Get(':segment_id')
  get(@DatasetKey() k: DatasetKeyContext, @Param() p: SegmentParams) {
    return this.knowledge.call(P.get, apiCaller(k), ids(p));
  }

  /** Dify updates with POST; PATCH is accepted too. */
  @Post(':segment_id')
  @HttpCode(200)
  update(@DatasetKey() k: DatasetKeyContext, @Param() p: SegmentParams, @Body() body: unknown) {
    return this.knowledge.call(P.update, apiCaller(k), { ...ids(p), body });
  }

  @Patch(':segment_id')
  patch(@DatasetKey() k: DatasetKeyContext, @Param() p: SegmentParams, @Body() body: unknown) {
    return this.knowledge.call(P.update, apiCaller(k), { ...ids(p), body });
  }

  @Delete(':segment_id')
  @HttpCode(204)
  async remove(@DatasetKey() k: DatasetKeyContext, @Param() p: SegmentParams) {
    await this.knowledge.call(P.delete, apiCaller(k), ids(p));
  }

  @Get(':segment_id/child_chunks')
  childList(@DatasetKey() k: DatasetKeyContext, @Param() p: SegmentParams, @Query() query: unknown) {
    return this.knowledge.call(P.childList, apiCaller(k), { ...ids(p), query });
  }

  @Post(':segment_id/child_chunks')
  @HttpCode(200)
  childCreate(@DatasetKey() k: DatasetKeyContext, @Param() p: SegmentParams, @Body() body: unknown) {
    return this.knowledge.call(P.childCreate, apiCaller(k), { ...ids(p), body });
  }

  @Patch(':segment_id/child_chunks/:child_chunk_id')
  childUpdate(@DatasetKey() k: DatasetKeyContext, @Param() p: SegmentParams, @Body() body: unknown) {
    return this.knowledge.call(P.childUpdate, apiCaller(k), { ...ids(p), body });
  }

  @Delete(':segment_id/child_chunks/:child_chunk_id')
  @HttpCode(204)
  async childDelete(@DatasetKey() k: DatasetKeyContext, @Param() p: SegmentParams) {
    await this.knowledge.call(P.childDelete, apiCaller(k), ids(p));
  }
}
