import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConsoleAccessGuard } from './auth/console-access.guard';
import { AccountController } from './console/account.controller';
import { MembersController } from './console/members.controller';
import { TeamsService } from './console/teams.service';
import { WorkspacesController } from './console/workspaces.controller';
import { ConsoleAppsController } from './console/console-apps.controller';
import { ConsoleAppSiteController } from './console/console-app-site.controller';
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
import { ApiDocsController } from './docs/api-docs.controller';
import { ApiDocsService } from './docs/api-docs.service';
import { AccessLogMiddleware } from './health/access-log.middleware';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { QueueBoardService } from './queues/queue-board.service';
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
    ConsoleAuthController, ConsoleAppsController, ConsoleAppSiteController, ConsoleChatController, ConsoleLogsController, ConsoleSettingsController, ConsoleFeaturesController,
    AccountController, WorkspacesController, MembersController, WebController, WebWorkflowsController, ApiDocsController,
  ],
  providers: [
    ConsoleAuthService, ConsoleProxyService, ConsoleFeaturesService, TeamsService, WebApiService, HealthService, AudioService, ApiDocsService, QueueBoardService, ConsoleStaticService,
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
