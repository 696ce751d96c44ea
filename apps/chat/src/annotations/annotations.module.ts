import { Module } from '@nestjs/common';
import { AnnotationMatcher, AnnotationRepository } from '@sluice/knowledge';
import { LlmModule } from '@sluice/llm';
import { AnnotationsController } from './annotations.controller';
import { AnnotationsService } from './annotations.service';

/** Annotations and annotation reply; the matcher is exported for the generation path, which answers from it. */
@Module({
  imports: [LlmModule],
  controllers: [AnnotationsController],
  providers: [AnnotationRepository, AnnotationMatcher, AnnotationsService],
  exports: [AnnotationMatcher],
})
export class AnnotationsModule {}
