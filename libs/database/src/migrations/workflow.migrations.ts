import { Workflows1732492800000 } from './1732492800000-workflows';
import { ConversationVariables1732579200000 } from './1732579200000-conversation-variables';
import { WorkflowRunExceptions1733300000001 } from './1733300000001-workflow-run-exceptions';

/** Workflow migrations, in order. */
export const WORKFLOW_MIGRATIONS: Function[] = [Workflows1732492800000, ConversationVariables1732579200000, WorkflowRunExceptions1733300000001];
