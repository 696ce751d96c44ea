import { Module } from '@nestjs/common';
import { LlmModule } from '@sluice/llm';
import { ModelProvidersController } from './model-providers.controller';
import { ModelProvidersService } from './model-providers.service';

/** The workspace's model providers: credentials (kept hidden), connection tests and default models. */
@Module({ imports: [LlmModule], controllers: [ModelProvidersController], providers: [ModelProvidersService], exports: [ModelProvidersService] })
export class SettingsModule {}
