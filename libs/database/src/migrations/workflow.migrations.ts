/** Workflow migrations, in order. */
export const WORKFLOW_MIGRATIONS: Function[] = [];
