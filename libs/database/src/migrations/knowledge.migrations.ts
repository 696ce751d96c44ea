import { Knowledge1732752000000 } from './1732752000000-knowledge';

/** Knowledge-base migrations, in order. */
export const KNOWLEDGE_MIGRATIONS: Function[] = [Knowledge1732752000000];
