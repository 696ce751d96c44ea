import { Module } from '@nestjs/common';
import { AccountController } from './account.controller';
import { ConsoleAppSiteController } from './console-app-site.controller';
import { ConsoleAppsController } from './console-apps.controller';
import { ConsoleAuthController } from './console-auth.controller';
import { ConsoleAuthService } from './console-auth.service';
import { ConsoleChatController } from './console-chat.controller';
import { ConsoleFeaturesController } from './console-features.controller';
import { ConsoleFeaturesService } from './console-features.service';
import { ConsoleLogsController } from './console-logs.controller';
import { ConsoleProxyService } from './console-proxy.service';
import { ConsoleSettingsController } from './console-settings.controller';
import { MembersController } from './members.controller';
import { TeamsService } from './teams.service';
import { WorkspacesController } from './workspaces.controller';

/** The Console API (/console/api, account sessions) apart from knowledge and workflows, which have their own modules. */
@Module({
  controllers: [
    ConsoleAuthController,
    ConsoleAppsController,
    ConsoleAppSiteController,
    ConsoleChatController,
    ConsoleLogsController,
    ConsoleSettingsController,
    ConsoleFeaturesController,
    AccountController,
    WorkspacesController,
    MembersController,
  ],
  providers: [ConsoleAuthService, ConsoleProxyService, ConsoleFeaturesService, TeamsService],
  // The Web API's seed login (/api/login) signs accounts in the same way.
  exports: [ConsoleAuthService],
})
export class ConsoleModule {}
