import type { DifyStreamEvent } from '../api/sse';

export interface Citation {
  position?: number;
  dataset_id?: string;
  dataset_name?: string;
  document_id?: string;
  document_name?: string;
  segment_id?: string;
  score?: number | null;
  content?: string;
}

export interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  latency?: number;
}

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  citations?: Citation[];
  usage?: Usage;
  /** client-measured seconds from send to the last token */
  elapsed?: number;
  feedback?: 'like' | 'dislike' | null;
  error?: string;
  stopped?: boolean;
  streaming?: boolean;
  messageId?: string;
}

/**
 * Folds one Dify stream event into the assistant message being written. Pure, so the same rules serve
 * the console's preview and the web app, and are unit-tested.
 */
export function applyChatEvent(msg: ChatMessage, e: DifyStreamEvent): ChatMessage {
  switch (e.event) {
    case 'message':
    case 'agent_message':
      return { ...msg, content: msg.content + (typeof e.answer === 'string' ? e.answer : ''), messageId: e.message_id ?? msg.messageId };
    case 'message_replace':
      return { ...msg, content: typeof e.answer === 'string' ? e.answer : msg.content };
    case 'message_end': {
      const meta = (e.metadata ?? {}) as { usage?: Usage; retriever_resources?: Citation[] };
      return {
        ...msg,
        messageId: e.message_id ?? msg.messageId,
        usage: meta.usage ?? msg.usage,
        citations: meta.retriever_resources ?? msg.citations,
        streaming: false,
      };
    }
    case 'workflow_finished': {
      const data = (e.data ?? {}) as { outputs?: Record<string, unknown>; error?: string; status?: string };
      // A workflow app streams no message events: its answer is the outputs.
      const text = !msg.content && data.outputs ? outputsText(data.outputs) : msg.content;
      return { ...msg, content: text, error: data.status === 'failed' ? (data.error ?? 'failed') : msg.error };
    }
    case 'error':
      return { ...msg, error: typeof e.message === 'string' ? e.message : 'error', streaming: false };
    default:
      return msg;
  }
}

export function outputsText(outputs: Record<string, unknown>): string {
  const vals = Object.values(outputs);
  if (vals.length === 1 && typeof vals[0] === 'string') return vals[0];
  return '```json\n' + JSON.stringify(outputs, null, 2) + '\n```';
}

/** `{{name}}` variables of a prompt, in order of first use, as Dify's prompt editor finds them. */
export function promptVariables(prompt: string): string[] {
  const seen: string[] = [];
  for (const m of prompt.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) if (!seen.includes(m[1])) seen.push(m[1]);
  return seen;
}
