import { Module } from '@nestjs/common';
import { LlmModule } from '@sluice/llm';
import { StorageModule } from '@sluice/storage';
import { AppRegistryModule } from '../apps-registry/app-registry.module';
import { SharedTablesModule } from '../shared-tables/shared-tables.module';
import { AudioController } from './audio.controller';
import { AudioService } from './audio.service';

/** Speech to text and text to speech for the apps that switch them on. */
@Module({ imports: [LlmModule, StorageModule, SharedTablesModule, AppRegistryModule], controllers: [AudioController], providers: [AudioService] })
export class AudioModule {}
