import { INestMicroservice, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SluiceConfig, withConfig } from '@sluice/config';
import { Services } from '@sluice/contracts';
import { createTransportServer, TransportErrorFilter } from '@sluice/transport';
import { WorkflowModule } from './workflow.module';

export async function bootstrapWorkflow(cfg: SluiceConfig, logger: LoggerService): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(withConfig(cfg, WorkflowModule), {
    strategy: createTransportServer(cfg, Services.workflow),
    logger,
  });
  app.useGlobalFilters(new TransportErrorFilter());
  await app.listen();
  return app;
}
