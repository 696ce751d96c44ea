import { INestMicroservice, LoggerService } from '@nestjs/common';
import { SluiceConfig } from '@sluice/config';
import { Services } from '@sluice/contracts';
import { startMicroservice } from '@sluice/transport';
import { WorkflowModule } from './workflow.module';

export function bootstrapWorkflow(cfg: SluiceConfig, logger: LoggerService): Promise<INestMicroservice> {
  return startMicroservice(cfg, logger, WorkflowModule, Services.workflow);
}
