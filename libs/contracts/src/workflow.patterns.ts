/** Message patterns of the workflow service; filled by the workflow issue. */
export const WorkflowPatterns = {} as const;
