import { INestMicroservice, LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SluiceConfig, withConfig } from '@sluice/config';
import { createTransportServer } from './create-transport-server';
import { TransportErrorFilter } from './transport-error.filter';

/** A service app listening on its stream: the same four steps for chat, workflow and dataset. */
export async function startMicroservice(cfg: SluiceConfig, logger: LoggerService, feature: Type<unknown>, service: string): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(withConfig(cfg, feature), { strategy: createTransportServer(cfg, service), logger, abortOnError: false });
  app.useGlobalFilters(new TransportErrorFilter());
  await app.listen();
  return app;
}
