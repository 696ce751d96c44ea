import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConsoleAppsController } from './console/console-apps.controller';
import { ConsoleAppSiteController } from './console/console-app-site.controller';
import { ConsoleAppAccess } from './console/console-app-access.service';
import { ConsoleChatController } from './console/console-chat.controller';
import { ConsoleLogsController } from './console/console-logs.controller';
import { ConsoleFeaturesController } from './console/console-features.controller';
import { ConsoleFeaturesService } from './console/console-features.service';
import { ConsoleSettingsController } from './console/console-settings.controller';
import { ConsoleAuthController } from './console/console-auth.controller';
import { ConsoleAuthService } from './console/console-auth.service';
import { ConsoleProxyService } from './console/console-proxy.service';
import { ConsoleStaticMiddleware } from './console-ui/console-static.middleware';
import { ConsoleStaticService } from './console-ui/console-static.service';
import { GatewayCoreModule } from './gateway-core.module';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { MetricsMiddleware } from './health/metrics.middleware';
import { MetricsService } from './health/metrics.service';
import { RequestIdMiddleware } from './common/request-id.middleware';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { AppInfoController } from './service-api/app-info.controller';
import { AnnotationsController } from './service-api/annotations.controller';
import { AudioController } from './service-api/audio.controller';
import { AudioService } from './service-api/audio.service';
import { ChatMessagesController } from './service-api/chat-messages.controller';
import { ConversationsController } from './service-api/conversations.controller';
import { FilesController } from './service-api/files.controller';
import { WebApiService } from './web/web-api.service';
import { WebController } from './web/web.controller';
import { WebWorkflowsController } from './web/web-workflows.controller';
import { WorkflowsModule } from './workflows/workflows.module';

@Module({
  imports: [GatewayCoreModule, KnowledgeModule, WorkflowsModule],
  controllers: [
    HealthController, ChatMessagesController, ConversationsController, AppInfoController, FilesController, AnnotationsController, AudioController,
    ConsoleAuthController, ConsoleAppsController, ConsoleAppSiteController, ConsoleChatController, ConsoleLogsController, ConsoleSettingsController, ConsoleFeaturesController, WebController, WebWorkflowsController,
  ],
  providers: [ConsoleAuthService, ConsoleProxyService, ConsoleAppAccess, ConsoleFeaturesService, WebApiService, HealthService, MetricsService, AudioService, ConsoleStaticService],
})
export class GatewayModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(RequestIdMiddleware, MetricsMiddleware).forRoutes('*');
    // The web console and its SPA fallback; API paths pass through to the controllers.
    consumer.apply(ConsoleStaticMiddleware).forRoutes('*');
  }
}
