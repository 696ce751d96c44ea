/** Message patterns of the dataset service (knowledge bases); filled by the knowledge issue. */
export const KnowledgePatterns = {} as const;
