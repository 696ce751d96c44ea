/**
 * Message patterns behind the console pages (issue 11) that go beyond app CRUD: web app (site)
 * settings, the preview chat, logs, workflow run history, and workspace settings. Every payload
 * carries the account's `scope` (`{tenantId, accountId}`), filled by the gateway from the session.
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
    runs: 'console.workflow-runs.list',
    run: 'console.workflow-runs.get',
    nodeExecutions: 'console.workflow-runs.node-executions',
    versions: 'console.workflows.versions',
    blockConfigs: 'console.workflows.default-block-configs',
  },
  settings: {
    providers: 'console.settings.model-providers',
    credentialsGet: 'console.settings.credentials.get',
    credentialsValidate: 'console.settings.credentials.validate',
    credentialsDelete: 'console.settings.credentials.delete',
    modelsByType: 'console.settings.models-by-type',
  },
} as const;
