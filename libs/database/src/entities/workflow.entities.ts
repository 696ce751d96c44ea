import { WorkflowNodeExecution } from './workflow-node-execution.entity';
import { WorkflowRun } from './workflow-run.entity';
import { Workflow } from './workflow.entity';

export { Workflow, WorkflowNodeExecution, WorkflowRun };

/** Workflow entities: graphs (draft and published), runs, node executions. */
export const WORKFLOW_ENTITIES: Function[] = [Workflow, WorkflowRun, WorkflowNodeExecution];
