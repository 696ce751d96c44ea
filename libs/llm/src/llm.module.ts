import { Global, Module } from '@nestjs/common';
import { LlmClient } from './llm-client';
import { TokenCounter } from './token-counter';
import { ProviderCredentialsService } from './provider-credentials.service';

@Global()
@Module({ providers: [LlmClient, TokenCounter, ProviderCredentialsService], exports: [LlmClient, TokenCounter, ProviderCredentialsService] })
export class LlmModule {}
