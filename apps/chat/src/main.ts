import { INestMicroservice, LoggerService } from '@nestjs/common';
import { SluiceConfig } from '@sluice/config';
import { Services } from '@sluice/contracts';
import { startMicroservice } from '@sluice/transport';
import { ChatModule } from './chat.module';

export function bootstrapChat(cfg: SluiceConfig, logger: LoggerService): Promise<INestMicroservice> {
  return startMicroservice(cfg, logger, ChatModule, Services.chat);
}
