/**
 * Message patterns behind the console pages (issue 11) that go beyond app CRUD: web app (site)
 * settings, the preview chat, logs, workflow run history, and workspace settings. Every payload
 * carries the account's `scope` (`{tenantId, accountId}`), filled by the gateway from the session.
 * The prefix picks the service (see the gateway's ServiceProxy): `workflow.` → workflow, else chat.
 */
export const ConsolePatterns = {
  apps: {
    siteEnable: 'console.apps.site-enable',
    apiEnable: 'console.apps.api-enable',
    siteUpdate: 'console.apps.site.update',
    siteResetCode: 'console.apps.site.reset-code',
    copy: 'console.apps.copy',
  },
  logs: {
    conversations: 'console.logs.conversations',
    conversation: 'console.logs.conversation',
    conversationDelete: 'console.logs.conversation.delete',
    messages: 'console.logs.messages',
    message: 'console.logs.message',
    feedback: 'console.logs.feedback',
  },
  workflowLogs: {
    runs: 'workflow.console.runs.list',
    appLogs: 'workflow.console.app-logs.list',
    run: 'workflow.console.runs.get',
    nodeExecutions: 'workflow.console.runs.node-executions',
    versions: 'workflow.console.versions',
    blockConfigs: 'workflow.console.default-block-configs',
  },
  /** Served by the dataset service (the `dataset.` prefix routes them there). */
  knowledge: {
    indexingEstimate: 'dataset.console.indexing-estimate',
    builtInFields: 'dataset.console.metadata.built-in',
    segmentCreate: 'dataset.console.segment.create',
    segmentUpdate: 'dataset.console.segment.update',
    segmentsStatus: 'dataset.console.segments.status',
    segmentsDelete: 'dataset.console.segments.delete',
    tagsList: 'dataset.console.tags.list',
    tagCreate: 'dataset.console.tags.create',
    tagUpdate: 'dataset.console.tags.update',
    tagDelete: 'dataset.console.tags.delete',
    tagBind: 'dataset.console.tags.bind',
    tagUnbind: 'dataset.console.tags.unbind',
  },
  settings: {
    providers: 'console.settings.model-providers',
    credentialsGet: 'console.settings.credentials.get',
    credentialsValidate: 'console.settings.credentials.validate',
    credentialsDelete: 'console.settings.credentials.delete',
    defaultModel: 'console.settings.default-model',
  },
} as const;
