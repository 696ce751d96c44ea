import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SluiceConfig, withConfig } from '@sluice/config';
import { IngestWorkerModule } from './ingest-worker.module';

export async function bootstrapIngestWorker(cfg: SluiceConfig, logger: LoggerService): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(withConfig(cfg, IngestWorkerModule), { logger, abortOnError: false });
  await app.init();
  return app;
}
