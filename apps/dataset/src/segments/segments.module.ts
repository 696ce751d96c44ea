import { Module } from '@nestjs/common';
import { KnowledgeCoreModule } from '@sluice/knowledge';
import { DatasetCommonModule } from '../common/dataset-common.module';
import { ChildChunkFactory } from './child-chunk.factory';
import { ChildChunksService } from './child-chunks.service';
import { SegmentsController } from './segments.controller';
import { SegmentsService } from './segments.service';

/** A document's segments and child chunks, edited by hand and re-indexed at once. */
@Module({
  imports: [DatasetCommonModule, KnowledgeCoreModule],
  controllers: [SegmentsController],
  providers: [SegmentsService, ChildChunksService, ChildChunkFactory],
  exports: [SegmentsService],
})
export class SegmentsModule {}
