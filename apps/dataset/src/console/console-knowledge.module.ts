import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { SegmentsModule } from '../segments/segments.module';
import { TagsModule } from '../tags/tags.module';
import { ConsoleKnowledgeController } from './console-knowledge.controller';
import { ConsoleSegmentsService } from './console-segments.service';
import { ConsoleTagsService } from './console-tags.service';

/** The console's own shapes of segments, tags and indexing estimates, over the same services as the API. */
@Module({
  imports: [DocumentsModule, SegmentsModule, TagsModule],
  controllers: [ConsoleKnowledgeController],
  providers: [ConsoleSegmentsService, ConsoleTagsService],
})
export class ConsoleKnowledgeModule {}
