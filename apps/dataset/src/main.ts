import { INestMicroservice, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SluiceConfig, withConfig } from '@sluice/config';
import { Services } from '@sluice/contracts';
import { createTransportServer, TransportErrorFilter } from '@sluice/transport';
import { DatasetModule } from './dataset.module';

export async function bootstrapDataset(cfg: SluiceConfig, logger: LoggerService): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(withConfig(cfg, DatasetModule), {
    strategy: createTransportServer(cfg, Services.dataset),
    logger,
  });
  app.useGlobalFilters(new TransportErrorFilter());
  await app.listen();
  return app;
}
