import { Init1732406400000 } from './1732406400000-init';
import { AppSiteCode1733011200000 } from './1733011200000-app-site-code';
import { ConversationPins1733011300000 } from './1733011300000-conversation-pins';
import { Annotations1733011400000 } from './1733011400000-annotations';
import { AnnotationReplyJobs1733300000002 } from './1733300000002-annotation-reply-jobs';
import { AppSiteSettings1733400000000 } from './1733400000000-app-site-settings';
import { ConsoleLogIndexes1733400100000 } from './1733400100000-console-log-indexes';
import { Teams1733500000000 } from './1733500000000-teams';
import { KNOWLEDGE_MIGRATIONS } from './knowledge.migrations';
import { WORKFLOW_MIGRATIONS } from './workflow.migrations';

/**
 * Listed explicitly (not globbed) so the compiled output finds them. TypeORM orders by the
 * timestamp in each class name, so feature lists can be appended independently.
 */
export const MIGRATIONS: Function[] = [
  Init1732406400000,
  ...KNOWLEDGE_MIGRATIONS,
  ...WORKFLOW_MIGRATIONS,
  AppSiteCode1733011200000,
  ConversationPins1733011300000,
  Annotations1733011400000,
  AnnotationReplyJobs1733300000002,
  AppSiteSettings1733400000000,
  ConsoleLogIndexes1733400100000,
  Teams1733500000000,
];
