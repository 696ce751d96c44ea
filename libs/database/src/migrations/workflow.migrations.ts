import { Workflows1732492800000 } from './1732492800000-workflows';

/** Workflow migrations, in order. */
export const WORKFLOW_MIGRATIONS: Function[] = [Workflows1732492800000];
