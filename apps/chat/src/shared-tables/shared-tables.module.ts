import { Module } from '@nestjs/common';
import {
  AppsRepository,
  ConversationRepository,
  EndUserRepository,
  MessageRepository,
  UploadFilesRepository,
  WorkflowVersionsRepository,
} from '@sluice/database';

/**
 * The repositories of the shared tables (libs/database owns them) that several of chat's features
 * read: provided once here so each feature module imports them instead of listing them again.
 */
const SHARED = [AppsRepository, EndUserRepository, ConversationRepository, MessageRepository, UploadFilesRepository];

// AppsRepository reads an app's published workflow through WorkflowVersionsRepository.
@Module({ providers: [...SHARED, WorkflowVersionsRepository], exports: SHARED })
export class SharedTablesModule {}
