import * as APP_ENTITIES from './app.entities';
import { KNOWLEDGE_ENTITIES } from './knowledge.entities';
import { WORKFLOW_ENTITIES } from './workflow.entities';

export * from './app.entities';
export { APP_MODES } from './app.entity';
export type { AppMode } from './app.entity';

export * from './knowledge.entities';
export * from './workflow.entities';

export const ENTITIES: Function[] = [...Object.values(APP_ENTITIES), ...KNOWLEDGE_ENTITIES, ...WORKFLOW_ENTITIES];
