import { INestMicroservice, LoggerService } from '@nestjs/common';
import { SluiceConfig } from '@sluice/config';
import { Services } from '@sluice/contracts';
import { startMicroservice } from '@sluice/transport';
import { DatasetModule } from './dataset.module';

export function bootstrapDataset(cfg: SluiceConfig, logger: LoggerService): Promise<INestMicroservice> {
  return startMicroservice(cfg, logger, DatasetModule, Services.dataset);
}
