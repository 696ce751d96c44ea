import http, { IncomingMessage } from 'node:http';
import https from 'node:https';
import OpenAI from 'openai';
import { ModelCredentials } from './llm.types';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
const RETRY_STATUSES = new Set([408, 409, 429]);

/** One chunk of `/chat/completions` with `stream: true` (the fields Sluice reads). */
export interface CompletionChunk {
  choices?: { delta?: { content?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;
}

/**
 * Streamed chat completions over a keep-alive connection pool, without the `openai` SDK's
 * per-call machinery (measured at ~4× the CPU of this path per call: fetch shim, header
 * building, its stream classes). Every chat turn makes one or two such calls (the answer and
 * the conversation's title), so this is the platform's hottest outbound path. Behaviour is the
 * SDK's where callers can tell: the same errors (its own APIError classes, so the error mapping
 * is shared), one retry after a connection failure, 408/409/429 or 5xx (honouring Retry-After up
 * to a minute), an abort ends the stream quietly.
 */
export class ChatStreamClient {
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  /** Sends the request: the 2xx response to read with `events()`, or null when aborted first; errors as the SDK throws them. */
  open(c: ModelCredentials, body: Record<string, unknown>, signal: AbortSignal): Promise<IncomingMessage | null> {
    return this.attempt(c, JSON.stringify(body), signal, 1);
  }

  private async attempt(c: ModelCredentials, payload: string, signal: AbortSignal, retries: number): Promise<IncomingMessage | null> {
    let res: IncomingMessage;
    try {
      res = await this.request(c, payload, signal);
    } catch (err) {
      if (signal.aborted) return null;
      if (retries > 0) {
        await delay(retryDelayMs(undefined), signal);
        return signal.aborted ? null : this.attempt(c, payload, signal, retries - 1);
      }
      throw new OpenAI.APIConnectionError({ cause: err as Error });
    }
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) return res;
    const text = await readAll(res).catch(() => '');
    if (retries > 0 && (RETRY_STATUSES.has(status) || status >= 500) && res.headers['x-should-retry'] !== 'false') {
      await delay(retryDelayMs(res.headers), signal);
      return signal.aborted ? null : this.attempt(c, payload, signal, retries - 1);
    }
    const json = safeJson(text);
    throw OpenAI.APIError.generate(status, json, json ? undefined : text, res.headers as Record<string, string>);
  }

  private request(c: ModelCredentials, payload: string, signal: AbortSignal): Promise<IncomingMessage> {
    const url = new URL(`${(c.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '')}/chat/completions`);
    const secure = url.protocol === 'https:';
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'content-length': Buffer.byteLength(payload),
      // Local OpenAI-compatible servers (Ollama, vLLM) often need no key; the SDK sent a placeholder too.
      authorization: `Bearer ${c.apiKey || 'sk-no-key'}`,
    };
    if (c.organization) headers['openai-organization'] = c.organization;
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        {
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: 'POST',
          headers,
          agent: secure ? this.agents.https : this.agents.http,
          signal,
        },
        resolve,
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
}

/** Server-sent events of a chat completion stream, parsed; `[DONE]` ends it, an `error` payload throws as the SDK does. */
export async function* completionEvents(res: IncomingMessage, signal: AbortSignal): AsyncGenerator<CompletionChunk> {
  res.setEncoding('utf8');
  let buf = '';
  let data: string[] = [];
  let clean = false;
  try {
    // Not `for await (… of res)`: its end destroys the request, and with it the pooled connection.
    for await (const piece of res.iterator({ destroyOnReturn: false }) as AsyncIterable<string>) {
      buf += piece;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        let line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (line === '') {
          if (!data.length) continue;
          const event = data.join('\n');
          data = [];
          if (event === '[DONE]') {
            // Read the rest (the chunked terminator) so the connection goes back to the pool.
            clean = true;
            res.resume();
            return;
          }
          const chunk = safeJson(event) as (CompletionChunk & { error?: { message?: string } }) | undefined;
          if (chunk?.error) throw new OpenAI.APIError(undefined, chunk.error, undefined, undefined);
          if (chunk) yield chunk;
        } else if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
      }
    }
  } catch (err) {
    if (signal.aborted) return;
    if (err instanceof OpenAI.APIError) throw err;
    throw new OpenAI.APIConnectionError({ cause: err as Error });
  } finally {
    if (!clean && !res.complete) res.destroy();
  }
  // The connection ended without `[DONE]`: an answer cut short must not pass for a whole one.
  if (!signal.aborted && !res.complete) throw new OpenAI.APIConnectionError({ message: 'The model connection closed mid-answer.' });
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = '';
    res.setEncoding('utf8');
    res.on('data', (d: string) => (s += d));
    res.on('end', () => resolve(s));
    res.on('error', reject);
  });
}

function safeJson(s: string): any {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** As the SDK waits before its one retry: Retry-After(-Ms) when given and at most a minute, else about half a second. */
function retryDelayMs(headers: IncomingMessage['headers'] | undefined): number {
  const ms = Number(headers?.['retry-after-ms']);
  if (ms > 0 && ms <= 60_000) return ms;
  const s = Number(headers?.['retry-after']);
  if (s > 0 && s <= 60) return s * 1000;
  return 500 * (1 - Math.random() * 0.25);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
