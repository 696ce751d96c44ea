/** Services addressable over the transport; each is one Redis stream + consumer group. */
export const Services = {
  chat: 'chat',
  workflow: 'workflow',
  dataset: 'dataset',
  ingest: 'ingest-worker',
} as const;
export type ServiceName = (typeof Services)[keyof typeof Services];
