import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KnowledgePatterns, RetrieveRequest } from '@sluice/contracts';
import { DatasetRetrieveService } from './dataset-retrieve.service';
import { HitTestingPayload, HitTestingService } from './hit-testing.service';

@Controller()
export class RetrievalController {
  constructor(
    private readonly hitTestingService: HitTestingService,
    private readonly retrieveService: DatasetRetrieveService,
  ) {}

  @MessagePattern(KnowledgePatterns.hitTesting)
  hitTesting(@Payload() p: HitTestingPayload) {
    return this.hitTestingService.hitTesting(p);
  }

  @MessagePattern(KnowledgePatterns.retrieve)
  retrieve(@Payload() p: RetrieveRequest) {
    return this.retrieveService.retrieve(p);
  }
}
