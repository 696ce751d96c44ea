export interface ModelCredentials {
  apiKey?: string;
  baseUrl?: string;
  organization?: string;
}

export type ChatPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string; detail?: 'low' | 'high' | 'auto' } };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | ChatPart[];
}

export interface ChatRequest {
  credentials: ModelCredentials;
  model: string;
  messages: ChatMessage[];
  /** Dify's completion_params: temperature, top_p, max_tokens, presence_penalty, frequency_penalty, stop */
  params?: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatChunk {
  delta?: string;
  usage?: Usage;
}

export interface EmbedRequest {
  credentials: ModelCredentials;
  model: string;
  inputs: string[];
  dimensions?: number;
  signal?: AbortSignal;
}
