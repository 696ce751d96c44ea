import { INestMicroservice, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SluiceConfig, withConfig } from '@sluice/config';
import { Services } from '@sluice/contracts';
import { createTransportServer, TransportErrorFilter } from '@sluice/transport';
import { ChatModule } from './chat.module';

/** Chat and completion apps, consoles' app management; reached only over the transport. */
export async function bootstrapChat(cfg: SluiceConfig, logger: LoggerService): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(withConfig(cfg, ChatModule), {
    strategy: createTransportServer(cfg, Services.chat),
    logger,
  });
  app.useGlobalFilters(new TransportErrorFilter());
  await app.listen();
  return app;
}
