import { Workflows1732492800000 } from './1732492800000-workflows';
import { ConversationVariables1732579200000 } from './1732579200000-conversation-variables';

/** Workflow migrations, in order. */
export const WORKFLOW_MIGRATIONS: Function[] = [Workflows1732492800000, ConversationVariables1732579200000];
