import { Module } from '@nestjs/common';
import { Services } from '@sluice/contracts';
import { DatabaseModule } from '@sluice/database';
import { TransportModule } from '@sluice/transport';
import { AnnotationsModule } from './annotations/annotations.module';
import { AppInfoModule } from './app-info/app-info.module';
import { AudioModule } from './audio/audio.module';
import { LogsModule } from './console-logs/logs.module';
import { AppsModule } from './console/apps.module';
import { ConversationsModule } from './conversations/conversations.module';
import { FilesModule } from './files/files.module';
import { GenerationModule } from './generation/generation.module';
import { MessagesModule } from './messages/messages.module';
import { SettingsModule } from './settings/settings.module';
import { TeamsModule } from './teams/teams.module';

/** The chat service: its connections, and one module per feature (each owns its message controller). */
@Module({
  imports: [
    DatabaseModule.forRoot({ poolSize: 20 }),
    TransportModule.forClients([Services.dataset, Services.workflow]),
    TeamsModule,
    AppsModule,
    SettingsModule,
    LogsModule,
    AnnotationsModule,
    AudioModule,
    GenerationModule,
    ConversationsModule,
    MessagesModule,
    FilesModule,
    AppInfoModule,
  ],
})
export class ChatModule {}
