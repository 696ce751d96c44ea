/** Workflow entities (workflows, runs, node executions, …): filled by the workflow issue. */
export const WORKFLOW_ENTITIES: Function[] = [];
