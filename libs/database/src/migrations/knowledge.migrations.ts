import { Knowledge1732752000000 } from './1732752000000-knowledge';
import { KnowledgeTags1732761234567 } from './1732761234567-knowledge-tags';
import { ProcessRulesAndActors1733300000000 } from './1733300000000-process-rules-and-actors';

/** Knowledge-base migrations, in order. */
export const KNOWLEDGE_MIGRATIONS: Function[] = [Knowledge1732752000000, KnowledgeTags1732761234567, ProcessRulesAndActors1733300000000];
