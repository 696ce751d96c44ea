/** Knowledge-base migrations, in order. */
export const KNOWLEDGE_MIGRATIONS: Function[] = [];
