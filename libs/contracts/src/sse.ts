/** SSE event names, as Dify sends them. */
export const SseEvents = {
  message: 'message',
  agentMessage: 'agent_message',
  messageEnd: 'message_end',
  messageReplace: 'message_replace',
  messageFile: 'message_file',
  error: 'error',
  ping: 'ping',
  workflowStarted: 'workflow_started',
  workflowFinished: 'workflow_finished',
  nodeStarted: 'node_started',
  nodeFinished: 'node_finished',
  nodeRetry: 'node_retry',
  textChunk: 'text_chunk',
} as const;

/** Every value a streamed transport reply carries is one SSE event body (the `event` field included). */
export type SseEvent = { event: string; [k: string]: unknown };

/** Who is calling, as resolved by the gateway and passed to services with every request. */
export interface CallerIdentity {
  tenantId: string;
  appId: string;
  /** end-user kind: the Service API `user`, a console account on the Web API, or a web app passport */
  userType: 'service_api' | 'account' | 'web_app';
  /** the `user` string, or the account id */
  sessionId: string;
}
