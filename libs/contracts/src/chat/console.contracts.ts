import { z } from 'zod';
import { defineContract, reply } from '../contract';
import { consoleScoped, unscoped } from '../envelopes';
import { Services } from '../services';
import { SessionSubject } from '../roles';

/**
 * Console messages answered by the chat service: setup and login, apps and their keys, web app
 * (site) settings, logs and workspace settings. Scoped payloads carry the account's `scope`
 * (`{tenantId, accountId, role}`), filled by the gateway from the session.
 */
export const ConsoleContracts = {
  setup: defineContract('console.setup', Services.chat, z.unknown()),
  setupStatus: defineContract('console.setup.status', Services.chat, unscoped(), reply<boolean>()),
  login: defineContract('console.login', Services.chat, z.object({ email: z.string(), password: z.string() }), reply<SessionSubject>()),
  appsList: defineContract('console.apps.list', Services.chat, consoleScoped()),
  appsCreate: defineContract('console.apps.create', Services.chat, consoleScoped()),
  appsGet: defineContract('console.apps.get', Services.chat, consoleScoped()),
  appsUpdate: defineContract('console.apps.update', Services.chat, consoleScoped()),
  appsDelete: defineContract('console.apps.delete', Services.chat, consoleScoped()),
  modelConfigUpdate: defineContract('console.apps.model-config', Services.chat, consoleScoped()),
  apiKeysCreate: defineContract('console.api-keys.create', Services.chat, consoleScoped()),
  apiKeysList: defineContract('console.api-keys.list', Services.chat, consoleScoped()),
  apiKeysDelete: defineContract('console.api-keys.delete', Services.chat, consoleScoped()),
  providerCredentials: defineContract('console.provider.credentials', Services.chat, consoleScoped()),
  apps: {
    siteEnable: defineContract('console.apps.site-enable', Services.chat, consoleScoped()),
    apiEnable: defineContract('console.apps.api-enable', Services.chat, consoleScoped()),
    siteUpdate: defineContract('console.apps.site.update', Services.chat, consoleScoped()),
    siteResetCode: defineContract('console.apps.site.reset-code', Services.chat, consoleScoped()),
    copy: defineContract('console.apps.copy', Services.chat, consoleScoped()),
  },
  logs: {
    conversations: defineContract('console.logs.conversations', Services.chat, consoleScoped()),
    conversation: defineContract('console.logs.conversation', Services.chat, consoleScoped()),
    conversationDelete: defineContract('console.logs.conversation.delete', Services.chat, consoleScoped()),
    messages: defineContract('console.logs.messages', Services.chat, consoleScoped()),
    message: defineContract('console.logs.message', Services.chat, consoleScoped()),
    feedback: defineContract('console.logs.feedback', Services.chat, consoleScoped()),
  },
  settings: {
    providers: defineContract('console.settings.model-providers', Services.chat, consoleScoped()),
    credentialsGet: defineContract('console.settings.credentials.get', Services.chat, consoleScoped()),
    credentialsValidate: defineContract('console.settings.credentials.validate', Services.chat, consoleScoped()),
    credentialsDelete: defineContract('console.settings.credentials.delete', Services.chat, consoleScoped()),
    defaultModel: defineContract('console.settings.default-model', Services.chat, consoleScoped()),
  },
};
