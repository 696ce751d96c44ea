import { CallerIdentity, ChatMessageBody, CompletionMessageBody } from '@sluice/contracts';

export interface GenerateRequest {
  caller: CallerIdentity;
  kind: 'chat' | 'completion';
  body: ChatMessageBody | CompletionMessageBody;
  /**
   * The console's preview (Dify's debugger): the account chats with the app, citations say `dev`,
   * and an unsaved `model_config` from the editor may stand in for the saved one.
   */
  debug?: { modelConfig?: unknown };
}

export interface StopRequest {
  caller: CallerIdentity;
  taskId: string;
}
