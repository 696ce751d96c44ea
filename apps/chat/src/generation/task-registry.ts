import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { StopRegistry } from '@sluice/transport';

/** Running generations of this chat replica; `stop` reaches whichever replica runs the task. */
@Injectable()
export class TaskRegistry extends StopRegistry implements OnModuleInit, OnModuleDestroy {
  constructor(cfg: AppConfig) {
    super({ redisUrl: cfg.redisUrl, prefix: cfg.redisPrefix }, 'chat.stop');
  }

  onModuleInit() {
    return this.start();
  }

  onModuleDestroy() {
    return this.close();
  }
}
