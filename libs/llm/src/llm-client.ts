import { Injectable } from '@nestjs/common';
import OpenAI, { toFile } from 'openai';
import { ProviderNotInitializeError } from '@sluice/contracts';
import { mapProviderError } from './llm-error-mapper';
import { ChatChunk, ChatRequest, EmbedRequest, ModelCredentials, Usage } from './llm.types';

const PASSTHROUGH_PARAMS = ['temperature', 'top_p', 'max_tokens', 'presence_penalty', 'frequency_penalty', 'stop', 'seed', 'response_format'];

/**
 * The one way Sluice calls a model: any OpenAI-compatible server through the `openai` client.
 * Clients are cached per credentials so keep-alive connections are reused across requests.
 */
@Injectable()
export class LlmClient {
  private readonly clients = new Map<string, OpenAI>();

  private client(c: ModelCredentials): OpenAI {
    if (!c.apiKey && !c.baseUrl) {
      throw new ProviderNotInitializeError(
        'No model provider credentials: set OPENAI_API_KEY/OPENAI_BASE_URL or POST /console/api/workspaces/current/model-providers/openai/credentials.',
      );
    }
    const key = `${c.baseUrl ?? ''}\u0000${c.apiKey ?? ''}\u0000${c.organization ?? ''}`;
    let client = this.clients.get(key);
    if (!client) {
      // Local OpenAI-compatible servers (Ollama, vLLM) often need no key, but the client insists on one.
      client = new OpenAI({ apiKey: c.apiKey || 'sk-no-key', baseURL: c.baseUrl, organization: c.organization, maxRetries: 1, timeout: 600_000 });
      this.clients.set(key, client);
    }
    return client;
  }

  private params(p: Record<string, unknown> | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (!p) return out;
    for (const k of PASSTHROUGH_PARAMS) if (p[k] !== undefined && p[k] !== null) out[k] = p[k];
    if (Array.isArray(out.stop) && (out.stop as unknown[]).length === 0) delete out.stop;
    return out;
  }

  async *streamChat(req: ChatRequest): AsyncGenerator<ChatChunk> {
    const client = this.client(req.credentials);
    let stream;
    try {
      stream = await client.chat.completions.create(
        {
          ...this.params(req.params),
          model: req.model,
          messages: req.messages as OpenAI.Chat.ChatCompletionMessageParam[],
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal: req.signal },
      );
    } catch (err) {
      if (req.signal?.aborted) return;
      throw mapProviderError(err, req.model);
    }
    try {
      for await (const chunk of stream) {
        const delta = chunk.choices?.[0]?.delta?.content;
        const out: ChatChunk = {};
        if (delta) out.delta = delta;
        if (chunk.usage) out.usage = toUsage(chunk.usage);
        if (out.delta !== undefined || out.usage) yield out;
      }
    } catch (err) {
      if (req.signal?.aborted) return;
      throw mapProviderError(err, req.model);
    }
  }

  async chat(req: ChatRequest): Promise<{ text: string; usage?: Usage }> {
    const client = this.client(req.credentials);
    try {
      const res = await client.chat.completions.create(
        { ...this.params(req.params), model: req.model, messages: req.messages as OpenAI.Chat.ChatCompletionMessageParam[], stream: false },
        { signal: req.signal },
      );
      return { text: res.choices?.[0]?.message?.content ?? '', usage: res.usage ? toUsage(res.usage) : undefined };
    } catch (err) {
      throw mapProviderError(err, req.model);
    }
  }

  /** Speech to text (Whisper-style `/audio/transcriptions`). */
  async transcribe(req: { credentials: ModelCredentials; model: string; audio: Buffer; filename: string; signal?: AbortSignal }): Promise<string> {
    const client = this.client(req.credentials);
    try {
      const res = await client.audio.transcriptions.create({ model: req.model, file: await toFile(req.audio, req.filename) }, { signal: req.signal });
      return res.text;
    } catch (err) {
      throw mapProviderError(err, req.model);
    }
  }

  /** Text to speech (`/audio/speech`), as MP3 bytes. */
  async speech(req: { credentials: ModelCredentials; model: string; input: string; voice: string; signal?: AbortSignal }): Promise<Buffer> {
    const client = this.client(req.credentials);
    try {
      const res = await client.audio.speech.create({ model: req.model, input: req.input, voice: req.voice as never, response_format: 'mp3' }, { signal: req.signal });
      return Buffer.from(await res.arrayBuffer());
    } catch (err) {
      throw mapProviderError(err, req.model);
    }
  }

  /**
   * "Test connection": lists the provider's models with credentials not yet saved. A fresh client
   * with no retries and a short timeout, so a wrong host fails in seconds, not minutes.
   */
  async checkConnection(c: ModelCredentials, timeoutMs = 10_000): Promise<string[]> {
    const client = new OpenAI({ apiKey: c.apiKey || 'sk-no-key', baseURL: c.baseUrl, organization: c.organization, maxRetries: 0, timeout: timeoutMs });
    try {
      const page = await client.models.list();
      return page.data.map((m) => m.id);
    } catch (err) {
      throw mapProviderError(err, 'models');
    }
  }

  async embed(req: EmbedRequest): Promise<{ vectors: number[][]; totalTokens: number }> {
    const client = this.client(req.credentials);
    try {
      // Explicit float: the SDK otherwise asks for base64 and decodes it, which garbles the float arrays
      // that many OpenAI-compatible servers (Ollama, older vLLM, the test server) send regardless.
      const res = await client.embeddings.create(
        { model: req.model, input: req.inputs, encoding_format: 'float', ...(req.dimensions ? { dimensions: req.dimensions } : {}) },
        { signal: req.signal },
      );
      const vectors = res.data.sort((a, b) => a.index - b.index).map((d) => d.embedding as number[]);
      return { vectors, totalTokens: res.usage?.total_tokens ?? 0 };
    } catch (err) {
      throw mapProviderError(err, req.model);
    }
  }
}

function toUsage(u: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number }): Usage {
  const promptTokens = u.prompt_tokens ?? 0;
  const completionTokens = u.completion_tokens ?? 0;
  return { promptTokens, completionTokens, totalTokens: u.total_tokens ?? promptTokens + completionTokens };
}
