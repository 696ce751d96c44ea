import { CallerIdentity, ChatMessageBody, CompletionMessageBody } from '@sluice/contracts';

export interface GenerateRequest {
  caller: CallerIdentity;
  kind: 'chat' | 'completion';
  body: ChatMessageBody | CompletionMessageBody;
}

export interface StopRequest {
  caller: CallerIdentity;
  taskId: string;
}
