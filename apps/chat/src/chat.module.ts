import { Module } from '@nestjs/common';
import { DatabaseModule, DatasetPermissionsRepository, EndUserRepository, UploadFilesRepository } from '@sluice/database';
import { LlmModule } from '@sluice/llm';
import { StorageModule } from '@sluice/storage';
import { AppInfoService } from './app-info/app-info.service';
import { AppRegistry } from './apps-registry/app-registry';
import { ApiKeysRepository } from '@sluice/database';
import { ApiKeysService } from './console/api-keys.service';
import { AppsRepository, WorkflowVersionsRepository } from '@sluice/database';
import { AppsService } from './console/apps.service';
import { ConsoleController } from './console/console.controller';
import { AppSiteController } from './console/app-site.controller';
import { AppSiteService } from './console/app-site.service';
import { LogsController } from './console-logs/logs.controller';
import { LogsRepository } from '@sluice/database';
import { LogsService } from './console-logs/logs.service';
import { ModelProvidersController } from './settings/model-providers.controller';
import { ModelProvidersService } from './settings/model-providers.service';
import { ConversationRepository } from '@sluice/database';
import { ConversationsService } from './conversations/conversations.service';
import { FilesService } from './files/files.service';
import { ChatGenerationService } from './generation/chat-generation.service';
import { ConversationNamer } from './generation/conversation-namer';
import { GenerationController } from './generation/generation.controller';
import { InputValidator } from './generation/input-validator';
import { PromptBuilder } from './generation/prompt-builder';
import { TaskRegistry } from './generation/task-registry';
import { TurnRepository } from '@sluice/database';
import { MessageReaper } from './messages/message-reaper';
import { MessageRepository } from '@sluice/database';
import { MessagesService } from './messages/messages.service';
import { AppRecordsRepository } from './app-records/app-records.repository';
import { AppRecordsService } from './app-records/app-records.service';
import { KnowledgeRetriever } from './retrieval/knowledge-retriever';
import { AnnotationMatcher, AnnotationRepository } from '@sluice/knowledge';
import { AudioController } from './audio/audio.controller';
import { AudioService } from './audio/audio.service';
import { AnnotationsController } from './annotations/annotations.controller';
import { AnnotationsService } from './annotations/annotations.service';
import { Services } from '@sluice/contracts';
import { TransportModule } from '@sluice/transport';
import { AccountService } from './teams/account.service';
import { AccountTokensService } from './teams/account-tokens.service';
import { InvitationsService } from './teams/invitations.service';
import { MailerService } from './teams/mailer.service';
import { MembersService } from './teams/members.service';
import { PasswordResetService } from './teams/password-reset.service';
import { TeamsController } from './teams/teams.controller';
import { TeamsRepository } from './teams/teams.repository';
import { WorkspacesService } from './teams/workspaces.service';

@Module({
  imports: [DatabaseModule.forRoot({ poolSize: 20 }), LlmModule, StorageModule, TransportModule.forClients([Services.dataset, Services.workflow])],
  controllers: [ConsoleController, TeamsController, AppSiteController, LogsController, ModelProvidersController, GenerationController, AnnotationsController, AudioController],
  providers: [
    AccountService, TeamsRepository, AccountTokensService, MailerService, InvitationsService, PasswordResetService, WorkspacesService,
    MembersService, AppsRepository, WorkflowVersionsRepository, AppsService, ApiKeysRepository, ApiKeysService, AppRegistry, EndUserRepository, UploadFilesRepository, DatasetPermissionsRepository,
    ConversationRepository, ConversationsService, MessageRepository, MessagesService, AppRecordsRepository, AppRecordsService,
    FilesService, AppInfoService, InputValidator, PromptBuilder, TaskRegistry, ConversationNamer, ChatGenerationService,
    KnowledgeRetriever, TurnRepository, AnnotationRepository, AnnotationMatcher, AnnotationsService, AudioService, MessageReaper,
    AppSiteService, LogsRepository, LogsService, ModelProvidersService,
  ],
})
export class ChatModule {}
