import { Module } from '@nestjs/common';
import { ConsoleModule } from '../console/console.module';
import { ServiceApiModule } from '../service-api/service-api.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { WebApiService } from './web-api.service';
import { WebWorkflowsController } from './web-workflows.controller';
import { WebController } from './web.controller';

/** The Web API (/api): web app visitors with passports, and the seed's account login. */
@Module({
  imports: [ConsoleModule, ServiceApiModule, WorkflowsModule],
  controllers: [WebController, WebWorkflowsController],
  providers: [WebApiService],
})
export class WebModule {}
