import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConsoleAccessGuard } from './auth/console-access.guard';
import { RequestIdMiddleware } from './common/request-id.middleware';
import { ConsoleStaticMiddleware } from './console-ui/console-static.middleware';
import { ConsoleStaticService } from './console-ui/console-static.service';
import { ConsoleModule } from './console/console.module';
import { GatewayCoreModule } from './gateway-core.module';
import { AccessLogMiddleware } from './health/access-log.middleware';
import { OpsModule } from './health/ops.module';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { ServiceApiModule } from './service-api/service-api.module';
import { WebModule } from './web/web.module';
import { WorkflowsModule } from './workflows/workflows.module';

/**
 * The gateway: one module per API surface over GatewayCoreModule (auth, limits, the service proxy, SSE).
 * Routes register in import order; none of these surfaces has a path another could shadow.
 */
@Module({
  imports: [GatewayCoreModule, OpsModule, ServiceApiModule, ConsoleModule, WebModule, KnowledgeModule, WorkflowsModule],
  providers: [
    ConsoleStaticService,
    // The one console authorization point: every /console/api route declares @Access(level).
    { provide: APP_GUARD, useClass: ConsoleAccessGuard },
  ],
})
export class GatewayModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(RequestIdMiddleware, AccessLogMiddleware).forRoutes('*');
    // The web console and its SPA fallback; API paths pass through to the controllers.
    consumer.apply(ConsoleStaticMiddleware).forRoutes('*');
  }
}
