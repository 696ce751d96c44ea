import { AccountToken } from './account-token.entity';
import { Account } from './account.entity';
import { ApiToken } from './api-token.entity';
import { AppModelConfig } from './app-model-config.entity';
import { App } from './app.entity';
import { Conversation } from './conversation.entity';
import { EndUser } from './end-user.entity';
import { KNOWLEDGE_ENTITIES } from './knowledge.entities';
import { MessageFeedback } from './message-feedback.entity';
import { Message } from './message.entity';
import { ProviderCredential } from './provider-credential.entity';
import { Setup } from './setup.entity';
import { TenantAccountJoin } from './tenant-account-join.entity';
import { Tenant } from './tenant.entity';
import { UploadFile } from './upload-file.entity';
import { WORKFLOW_ENTITIES } from './workflow.entities';

export {
  Account,
  AccountToken,
  TenantAccountJoin,
  ApiToken,
  App,
  AppModelConfig,
  Conversation,
  EndUser,
  Message,
  MessageFeedback,
  ProviderCredential,
  Setup,
  Tenant,
  UploadFile,
};
export { APP_MODES } from './app.entity';
export type { AppMode } from './app.entity';

export * from './knowledge.entities';
export * from './workflow.entities';

export const ENTITIES: Function[] = [
  Account,
  AccountToken,
  TenantAccountJoin,
  ApiToken,
  App,
  AppModelConfig,
  Conversation,
  EndUser,
  Message,
  MessageFeedback,
  ProviderCredential,
  Setup,
  Tenant,
  UploadFile,
  ...KNOWLEDGE_ENTITIES,
  ...WORKFLOW_ENTITIES,
];
