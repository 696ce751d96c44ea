import { Module } from '@nestjs/common';
import { LlmClient } from './llm-client';
import { ProviderCredentialsRepository } from './provider-credentials.repository';
import { ProviderCredentialsService } from './provider-credentials.service';
import { TokenCounter } from './token-counter';

/** Model calls and provider credentials; imported by each module that calls a model (not global). */
@Module({
  providers: [LlmClient, TokenCounter, ProviderCredentialsRepository, ProviderCredentialsService],
  exports: [LlmClient, TokenCounter, ProviderCredentialsService],
})
export class LlmModule {}
