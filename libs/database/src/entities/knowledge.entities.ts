/** Knowledge-base entities (datasets, documents, segments, …): filled by the knowledge issue. */
export const KNOWLEDGE_ENTITIES: Function[] = [];
