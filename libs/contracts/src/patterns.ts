/** Services addressable over the transport; each is one Redis stream + consumer group. */
export const Services = {
  chat: 'chat',
  workflow: 'workflow',
  dataset: 'dataset',
  ingest: 'ingest-worker',
} as const;
export type ServiceName = (typeof Services)[keyof typeof Services];

/** Message patterns. Replies to `*.stream` patterns are streams of many values. */
export const Patterns = {
  health: { ping: 'health.ping' },
  console: {
    setup: 'console.setup',
    setupStatus: 'console.setup.status',
    login: 'console.login',
    accountById: 'console.account.get',
    appsList: 'console.apps.list',
    appsCreate: 'console.apps.create',
    appsGet: 'console.apps.get',
    appsUpdate: 'console.apps.update',
    appsDelete: 'console.apps.delete',
    modelConfigUpdate: 'console.apps.model-config',
    apiKeysCreate: 'console.api-keys.create',
    apiKeysList: 'console.api-keys.list',
    apiKeysDelete: 'console.api-keys.delete',
    providerCredentials: 'console.provider.credentials',
  },
  chat: {
    generate: 'chat.generate',
    stop: 'chat.stop',
    messages: 'chat.messages.list',
    feedback: 'chat.messages.feedback',
    suggested: 'chat.messages.suggested',
    conversations: 'chat.conversations.list',
    conversationsPaged: 'chat.conversations.paged',
    conversationDelete: 'chat.conversations.delete',
    conversationRename: 'chat.conversations.rename',
    conversationPin: 'chat.conversations.pin',
    parameters: 'chat.app.parameters',
    info: 'chat.app.info',
    site: 'chat.app.site',
    meta: 'chat.app.meta',
    appFeedbacks: 'chat.app.feedbacks',
    endUser: 'chat.end-users.get',
    fileCreate: 'chat.files.create',
    fileDescribe: 'chat.files.describe',
  },
} as const;
