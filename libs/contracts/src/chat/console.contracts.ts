import { z } from 'zod';
import { afterLookup, defineContract, reply } from '../contract';
import { apiEnableSchema, copyAppSchema, siteEnableSchema, siteUpdateSchema } from '../dto/console-app.dto';
import { adminFeedbackSchema, logConversationsSchema, logMessagesSchema } from '../dto/console-logs.dto';
import { createAppSchema, listAppsSchema, loginSchema, modelConfigSchema, providerCredentialsSchema, setupSchema, updateAppSchema } from '../dto/console.dto';
import { ClientParts, consoleScoped, unscoped } from '../envelopes';
import { SessionSubject } from '../roles';
import { Services } from '../services';
import { providerValidateSchema } from './provider-settings.schemas';

/** A console message about one app, named by its path id. */
function onApp<B extends z.ZodTypeAny = z.ZodUnknown, Q extends z.ZodTypeAny = z.ZodUnknown>(parts: ClientParts<B, Q> = {}) {
  return consoleScoped(parts).extend({ id: z.string() });
}
/** Logs pages: which app kind the route is for, and the conversation or message it names. */
const logFields = { kind: z.enum(['chat', 'completion']).optional(), itemId: z.string().optional() };
/** API keys belong to an app (its id) or to the workspace's datasets. */
const keyFields = { type: z.enum(['app', 'dataset']).optional(), keyId: z.string().optional() };
const providerField = { provider: z.string().optional() };

/**
 * Console messages answered by the chat service: setup and login, apps and their keys, web app
 * (site) settings, logs and workspace settings. Scoped payloads carry the account's `scope`
 * (`{tenantId, accountId, role}`), filled by the gateway from the session. Parts marked
 * `afterLookup` come after the app (or provider) is found: Dify answers its 404 first.
 */
export const ConsoleContracts = {
  setup: defineContract('console.setup', Services.chat, setupSchema),
  setupStatus: defineContract('console.setup.status', Services.chat, unscoped(), reply<boolean>()),
  /** The gateway validates the login body with this schema before its lockout counts the attempt. */
  login: defineContract('console.login', Services.chat, loginSchema, reply<SessionSubject>()),
  appsList: defineContract('console.apps.list', Services.chat, consoleScoped({ query: listAppsSchema })),
  appsCreate: defineContract('console.apps.create', Services.chat, consoleScoped({ body: createAppSchema })),
  appsGet: defineContract('console.apps.get', Services.chat, onApp()),
  appsUpdate: defineContract('console.apps.update', Services.chat, onApp({ body: updateAppSchema })),
  appsDelete: defineContract('console.apps.delete', Services.chat, onApp()),
  modelConfigUpdate: defineContract('console.apps.model-config', Services.chat, onApp({ body: afterLookup(modelConfigSchema) })),
  apiKeysCreate: defineContract('console.api-keys.create', Services.chat, consoleScoped().extend(keyFields)),
  apiKeysList: defineContract('console.api-keys.list', Services.chat, consoleScoped().extend(keyFields)),
  apiKeysDelete: defineContract('console.api-keys.delete', Services.chat, consoleScoped().extend(keyFields)),
  /** The stored key stands in for Dify's hidden placeholder before the body is validated. */
  providerCredentials: defineContract(
    'console.provider.credentials',
    Services.chat,
    consoleScoped({ body: afterLookup(providerCredentialsSchema) }).extend(providerField),
  ),
  apps: {
    siteEnable: defineContract('console.apps.site-enable', Services.chat, onApp({ body: siteEnableSchema })),
    apiEnable: defineContract('console.apps.api-enable', Services.chat, onApp({ body: apiEnableSchema })),
    siteUpdate: defineContract('console.apps.site.update', Services.chat, onApp({ body: siteUpdateSchema })),
    siteResetCode: defineContract('console.apps.site.reset-code', Services.chat, onApp()),
    copy: defineContract('console.apps.copy', Services.chat, onApp({ body: copyAppSchema })),
  },
  logs: {
    conversations: defineContract('console.logs.conversations', Services.chat, onApp({ query: afterLookup(logConversationsSchema) }).extend(logFields)),
    conversation: defineContract('console.logs.conversation', Services.chat, onApp().extend(logFields)),
    conversationDelete: defineContract('console.logs.conversation.delete', Services.chat, onApp().extend(logFields)),
    messages: defineContract('console.logs.messages', Services.chat, onApp({ query: afterLookup(logMessagesSchema) }).extend(logFields)),
    message: defineContract('console.logs.message', Services.chat, onApp().extend(logFields)),
    feedback: defineContract('console.logs.feedback', Services.chat, onApp({ body: afterLookup(adminFeedbackSchema) }).extend(logFields)),
  },
  settings: {
    providers: defineContract('console.settings.model-providers', Services.chat, consoleScoped()),
    credentialsGet: defineContract('console.settings.credentials.get', Services.chat, consoleScoped().extend(providerField)),
    credentialsValidate: defineContract(
      'console.settings.credentials.validate',
      Services.chat,
      consoleScoped({ body: afterLookup(providerValidateSchema) }).extend(providerField),
    ),
    credentialsDelete: defineContract('console.settings.credentials.delete', Services.chat, consoleScoped().extend(providerField)),
    defaultModel: defineContract('console.settings.default-model', Services.chat, consoleScoped()),
  },
};
