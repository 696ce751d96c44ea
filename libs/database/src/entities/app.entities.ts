/**
 * The apps' own entities (accounts, workspaces, apps, conversations, files, credentials). Only entity
 * classes are exported here: `ENTITIES` is built from this module's exports.
 */
export { AccountToken } from './account-token.entity';
export { Account } from './account.entity';
export { ApiToken } from './api-token.entity';
export { AppModelConfig } from './app-model-config.entity';
export { App } from './app.entity';
export { Conversation } from './conversation.entity';
export { EndUser } from './end-user.entity';
export { MessageFeedback } from './message-feedback.entity';
export { Message } from './message.entity';
export { ProviderCredential } from './provider-credential.entity';
export { Setup } from './setup.entity';
export { TenantAccountJoin } from './tenant-account-join.entity';
export { Tenant } from './tenant.entity';
export { UploadFile } from './upload-file.entity';
