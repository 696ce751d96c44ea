import { Module } from '@nestjs/common';
import { Services } from '@sluice/contracts';
import { DatabaseModule } from '@sluice/database';
import { TransportModule } from '@sluice/transport';
import { ChatflowModule } from './chatflow/chatflow.module';
import { RunHistoryModule } from './console/run-history.module';
import { GraphModule } from './graph/graph.module';
import { HealthController } from './health/health.controller';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsModule } from './workflows/workflows.module';

/**
 * The workflow service: its connections and its feature modules. WorkflowsController answers for
 * workflow and chatflow apps alike, so it sits here, above both modules.
 */
@Module({
  imports: [
    DatabaseModule.forRoot({ poolSize: 10 }),
    TransportModule.forClients([Services.dataset]),
    GraphModule,
    WorkflowsModule,
    ChatflowModule,
    RunHistoryModule,
  ],
  controllers: [HealthController, WorkflowsController],
})
export class WorkflowModule {}
