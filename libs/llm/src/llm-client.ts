import { Inject, Injectable, Optional } from '@nestjs/common';
import OpenAI, { toFile } from 'openai';
import { AppConfig } from '@sluice/config';
import { ProviderNotInitializeError } from '@sluice/contracts';
import { observeModelCall } from '@sluice/observability';
import { CallDeadline, DEFAULT_DEADLINES, ModelDeadlines } from './call-deadline';
import { ChatStreamClient, completionEvents } from './chat-stream';
import { mapProviderError } from './llm-error-mapper';
import { ChatChunk, ChatRequest, EmbedRequest, ModelCredentials, Usage } from './llm.types';

/** The provider name in metrics and spans: every model is reached through the OpenAI-compatible client. */
const PROVIDER = 'openai';

const PASSTHROUGH_PARAMS = ['temperature', 'top_p', 'max_tokens', 'presence_penalty', 'frequency_penalty', 'stop', 'seed', 'response_format'];

function requireCredentials(c: ModelCredentials): void {
  if (!c.apiKey && !c.baseUrl) {
    throw new ProviderNotInitializeError(
      'No model provider credentials: set OPENAI_API_KEY/OPENAI_BASE_URL or POST /console/api/workspaces/current/model-providers/openai/credentials.',
    );
  }
}

/**
 * The one way Sluice calls a model: any OpenAI-compatible server. Chat completions go through a
 * lean keep-alive client (chat-stream.ts); embeddings, speech and model lists through the `openai`
 * SDK, whose clients are cached per credentials so keep-alive connections are reused.
 * Chat calls run under first-token, idle and overall deadlines (see CallDeadline).
 */
@Injectable()
export class LlmClient {
  private readonly clients = new Map<string, OpenAI>();
  /** chat completions, the hot path: a lean keep-alive client (the SDK serves the other endpoints) */
  private readonly streams = new ChatStreamClient();
  private readonly deadlines: ModelDeadlines;

  constructor(@Optional() @Inject(AppConfig) cfg?: AppConfig) {
    this.deadlines = cfg?.modelTimeouts
      ? { firstTokenMs: cfg.modelTimeouts.firstTokenMs, idleMs: cfg.modelTimeouts.idleMs, totalMs: cfg.appMaxExecutionSeconds * 1000 }
      : DEFAULT_DEADLINES;
  }

  private client(c: ModelCredentials): OpenAI {
    requireCredentials(c);
    const key = `${c.baseUrl ?? ''}\u0000${c.apiKey ?? ''}\u0000${c.organization ?? ''}`;
    let client = this.clients.get(key);
    if (!client) {
      // Local OpenAI-compatible servers (Ollama, vLLM) often need no key, but the client insists on one.
      client = new OpenAI({
        apiKey: c.apiKey || 'sk-no-key',
        baseURL: c.baseUrl,
        organization: c.organization,
        maxRetries: 1,
        timeout: this.deadlines.totalMs,
      });
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

  streamChat(req: ChatRequest): AsyncGenerator<ChatChunk> {
    return this.observedStream(req, 'chat_stream');
  }

  private async *observedStream(req: ChatRequest, operation: string): AsyncGenerator<ChatChunk> {
    requireCredentials(req.credentials);
    const obs = observeModelCall(PROVIDER, req.model, operation);
    let failure: unknown;
    try {
      yield* this.relay(req, obs.tokens, obs.within);
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      obs.finish(failure);
    }
  }

  private async *relay(req: ChatRequest, onUsage: (u: Usage) => void, within: <T>(fn: () => T) => T): AsyncGenerator<ChatChunk> {
    const deadline = new CallDeadline(this.deadlines, req.signal);
    try {
      let res;
      try {
        res = await within(() =>
          this.streams.open(
            req.credentials,
            { ...this.params(req.params), model: req.model, messages: req.messages, stream: true, stream_options: { include_usage: true } },
            deadline.signal,
          ),
        );
      } catch (err) {
        if (deadline.expired) throw deadline.expired;
        if (req.signal?.aborted) return;
        throw mapProviderError(err, req.model);
      }
      if (!res) {
        if (deadline.expired) throw deadline.expired;
        return;
      }
      try {
        for await (const chunk of completionEvents(res, deadline.signal)) {
          deadline.tick();
          const delta = chunk.choices?.[0]?.delta?.content;
          const out: ChatChunk = {};
          if (delta) out.delta = delta;
          if (chunk.usage) onUsage((out.usage = toUsage(chunk.usage)));
          if (out.delta !== undefined || out.usage) yield out;
        }
        // An aborted stream ends quietly; a deadline that fired is still an error.
        if (deadline.expired) throw deadline.expired;
      } catch (err) {
        if (deadline.expired) throw deadline.expired;
        if (req.signal?.aborted) return;
        throw mapProviderError(err, req.model);
      }
    } finally {
      deadline.done();
    }
  }

  /**
   * One answer as a whole. Streamed underneath, so a hung provider is noticed by its silence
   * rather than after the whole answer's worth of time.
   */
  async chat(req: ChatRequest): Promise<{ text: string; usage?: Usage }> {
    let text = '';
    let usage: Usage | undefined;
    for await (const c of this.observedStream(req, 'chat')) {
      if (c.delta) text += c.delta;
      if (c.usage) usage = c.usage;
    }
    // Stopped by the caller: a partial answer must not pass for a whole one.
    if (req.signal?.aborted) throw mapProviderError(new OpenAI.APIUserAbortError(), req.model);
    return { text, usage };
  }

  /** A unary provider call: span, metrics, and the provider's error mapped to Dify's. */
  private async observed<T>(operation: string, model: string, fn: (tokens: (u?: Usage) => void) => Promise<T>): Promise<T> {
    const obs = observeModelCall(PROVIDER, model, operation);
    try {
      const v = await obs.within(() => fn(obs.tokens));
      obs.finish();
      return v;
    } catch (err) {
      const mapped = mapProviderError(err, model);
      obs.finish(mapped);
      throw mapped;
    }
  }

  /** Speech to text (Whisper-style `/audio/transcriptions`). */
  async transcribe(req: { credentials: ModelCredentials; model: string; audio: Buffer; filename: string; signal?: AbortSignal }): Promise<string> {
    const client = this.client(req.credentials);
    return this.observed('transcribe', req.model, async () => {
      const res = await client.audio.transcriptions.create({ model: req.model, file: await toFile(req.audio, req.filename) }, { signal: req.signal });
      return res.text;
    });
  }

  /** Text to speech (`/audio/speech`), as MP3 bytes. */
  async speech(req: { credentials: ModelCredentials; model: string; input: string; voice: string; signal?: AbortSignal }): Promise<Buffer> {
    const client = this.client(req.credentials);
    return this.observed('speech', req.model, async () => {
      const res = await client.audio.speech.create(
        { model: req.model, input: req.input, voice: req.voice as never, response_format: 'mp3' },
        { signal: req.signal },
      );
      return Buffer.from(await res.arrayBuffer());
    });
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
    return this.observed('embed', req.model, async (tokens) => {
      // Explicit float: the SDK otherwise asks for base64 and decodes it, which garbles the float arrays
      // that many OpenAI-compatible servers (Ollama, older vLLM, the test server) send regardless.
      const res = await client.embeddings.create(
        { model: req.model, input: req.inputs, encoding_format: 'float', ...(req.dimensions ? { dimensions: req.dimensions } : {}) },
        { signal: req.signal },
      );
      const vectors = res.data.sort((a, b) => a.index - b.index).map((d) => d.embedding as number[]);
      tokens({ promptTokens: res.usage?.prompt_tokens ?? res.usage?.total_tokens ?? 0, completionTokens: 0, totalTokens: res.usage?.total_tokens ?? 0 });
      return { vectors, totalTokens: res.usage?.total_tokens ?? 0 };
    });
  }
}

function toUsage(u: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number }): Usage {
  const promptTokens = u.prompt_tokens ?? 0;
  const completionTokens = u.completion_tokens ?? 0;
  return { promptTokens, completionTokens, totalTokens: u.total_tokens ?? promptTokens + completionTokens };
}
