/** Message patterns of the workflow service. */
export const WorkflowPatterns = {
  draftGet: 'workflow.draft.get',
  draftSave: 'workflow.draft.save',
  publish: 'workflow.publish',
  publishedGet: 'workflow.published.get',
  run: 'workflow.run',
  runGet: 'workflow.run.get',
  /** `GET /v1/workflow/{run_id}/events`: a run's events so far, then live ones until it ends (a stream). */
  runEvents: 'workflow.run.events',
  stop: 'workflow.stop',
  logs: 'workflow.logs',
  exportDsl: 'workflow.dsl.export',
  importDsl: 'workflow.dsl.import',
  chat: 'workflow.chat',
  variablesList: 'workflow.conversation-variables.list',
  variablesUpdate: 'workflow.conversation-variables.update',
} as const;
