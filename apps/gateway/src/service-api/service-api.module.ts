import { Module } from '@nestjs/common';
import { AnnotationsController } from './annotations.controller';
import { AppInfoController } from './app-info.controller';
import { AudioController } from './audio.controller';
import { AudioService } from './audio.service';
import { ChatMessagesController } from './chat-messages.controller';
import { ConversationsController } from './conversations.controller';
import { FilesController } from './files.controller';

/** The Service API of chat and completion apps (/v1, app keys); audio is shared with the Web API. */
@Module({
  controllers: [ChatMessagesController, ConversationsController, AppInfoController, FilesController, AnnotationsController, AudioController],
  providers: [AudioService],
  exports: [AudioService],
})
export class ServiceApiModule {}
