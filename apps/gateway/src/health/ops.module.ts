import { Module } from '@nestjs/common';
import { ApiDocsController } from '../docs/api-docs.controller';
import { ApiDocsService } from '../docs/api-docs.service';
import { QueueBoardService } from '../queues/queue-board.service';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

/** What operators and integrators read: health on the API port, the OpenAPI document and /docs, the queue dashboard. */
@Module({ controllers: [HealthController, ApiDocsController], providers: [HealthService, ApiDocsService, QueueBoardService] })
export class OpsModule {}
