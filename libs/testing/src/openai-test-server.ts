import { createHash } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A scripted reply; null or undefined falls back to the default echo. */
export type ReplyFn = (body: any) => string | { content: string; chunks?: string[] } | null | undefined;

const MAX_LOG = 1000;

/**
 * A misbehaving provider, for fault tests: `stall-before-first` sends headers and then nothing,
 * `stall-after-first` sends one token and then nothing (both until the client gives up), `reset`
 * sends one token and then drops the connection.
 */
export type ChatFault = 'stall-before-first' | 'stall-after-first' | 'reset';

/**
 * An OpenAI-compatible model server for tests and benchmarks, over real HTTP: chat completions
 * (blocking and SSE streaming with include_usage), embeddings, rerank, models. Replies are
 * deterministic (`Echo: <last user message>`) unless scripted.
 */
export class OpenAiTestServer {
  readonly requests: RecordedRequest[] = [];
  aborted = 0;
  embeddingCalls = 0;
  embeddedInputs = 0;
  private server?: Server;
  private reply: ReplyFn | null = null;
  private latency = { firstTokenMs: 0, perTokenMs: 0, embeddingMs: 0 };
  private failures: { status: number; message: string }[] = [];
  private faults: { fault: ChatFault; when?: (body: any) => boolean }[] = [];
  private embeddingDim = 256;
  url = '';

  async start(port = 0): Promise<{ url: string }> {
    this.server = createServer((req, res) => void this.route(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return { url: this.url };
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((r) => this.server!.close(r));
    this.server = undefined;
  }

  setReply(fn: ReplyFn | string | null) {
    this.reply = typeof fn === 'string' ? () => fn : fn;
  }

  /** `embeddingMs` delays every /embeddings answer (lets tests catch a document mid-flight). */
  setLatency(l: { firstTokenMs?: number; perTokenMs?: number; embeddingMs?: number }) {
    this.latency = { firstTokenMs: l.firstTokenMs ?? 0, perTokenMs: l.perTokenMs ?? 0, embeddingMs: l.embeddingMs ?? 0 };
  }

  failNext(n: number, f: { status: number; message?: string }) {
    for (let i = 0; i < n; i++) this.failures.push({ status: f.status, message: f.message ?? `test failure ${f.status}` });
  }

  /** The next `n` chat completions (those `when` accepts, if given) misbehave as `fault` says (after any failNext failures). */
  faultNext(n: number, fault: ChatFault, when?: (body: any) => boolean) {
    for (let i = 0; i < n; i++) this.faults.push({ fault, when });
  }

  private takeFault(body: any): ChatFault | undefined {
    const i = this.faults.findIndex((f) => !f.when || f.when(body));
    return i < 0 ? undefined : this.faults.splice(i, 1)[0].fault;
  }

  setEmbeddingDim(d: number) {
    this.embeddingDim = d;
  }

  clearRequests() {
    this.requests.length = 0;
  }

  private async route(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: any = null;
    const raw = Buffer.concat(chunks);
    const multipart = /^multipart\/form-data;\s*boundary=(.+)$/i.exec(req.headers['content-type'] ?? '');
    try {
      body = multipart ? parseMultipart(raw, multipart[1].replace(/^"|"$/g, '')) : chunks.length ? JSON.parse(raw.toString('utf8')) : null;
    } catch {
      return this.error(res, 400, 'invalid JSON body');
    }
    const path = (req.url ?? '').split('?')[0].replace(/^\/v1/, '');
    this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    if (this.requests.length > MAX_LOG) this.requests.splice(0, this.requests.length - MAX_LOG);
    const failure = req.method === 'POST' ? this.failures.shift() : undefined;
    if (failure) {
      if (failure.status === 429) res.setHeader('retry-after', '1');
      return this.error(res, failure.status, failure.message);
    }
    if (req.method === 'GET' && path === '/models') return this.json(res, 200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] });
    if (req.method !== 'POST') return this.error(res, 404, 'not found');
    if (body?.model === 'no-such-model') return this.error(res, 404, 'The model `no-such-model` does not exist', 'model_not_found');
    if (path === '/chat/completions') return this.chat(body, req, res, this.takeFault(body));
    if (path === '/embeddings') return this.embeddings(body, res);
    if (path === '/rerank') return this.rerank(body, res);
    // Speech: a "transcript" that says what was heard, and "audio" that is the text's bytes behind an ID3 tag.
    if (path === '/audio/transcriptions') {
      if (!body?.file?.bytes) return this.error(res, 400, 'file is required');
      return this.json(res, 200, { text: `Transcript of ${body.file.filename} (${body.file.bytes.length} bytes) by ${body.model}` });
    }
    if (path === '/audio/speech') {
      res.writeHead(200, { 'content-type': 'audio/mpeg' });
      return res.end(Buffer.concat([Buffer.from('ID3'), Buffer.from(`${body?.voice}:${body?.input}`)]));
    }
    return this.error(res, 404, `unknown path ${path}`);
  }

  private answerFor(body: any): { content: string; chunks: string[] } {
    const scripted = this.reply?.(body);
    if (scripted !== undefined && scripted !== null) {
      const content = typeof scripted === 'string' ? scripted : scripted.content;
      const chunks = typeof scripted === 'string' ? splitWords(content) : (scripted.chunks ?? splitWords(content));
      return { content, chunks };
    }
    const last = [...(body?.messages ?? [])].reverse().find((m: any) => m.role === 'user');
    const text =
      typeof last?.content === 'string'
        ? last.content
        : (last?.content ?? [])
            .filter((p: any) => p.type === 'text')
            .map((p: any) => p.text)
            .join(' ');
    const content = `Echo: ${text ?? ''}`;
    return { content, chunks: splitWords(content) };
  }

  private async chat(body: any, req: IncomingMessage, res: ServerResponse, fault?: ChatFault) {
    const { content, chunks } = this.answerFor(body);
    if (fault) return this.misbehave(body, res, fault, chunks[0] ?? 'Hmm');
    const promptTokens = countTokens(JSON.stringify(body?.messages ?? ''));
    const usage = { prompt_tokens: promptTokens, completion_tokens: countTokens(content), total_tokens: promptTokens + countTokens(content) };
    const id = `chatcmpl-${Date.now().toString(36)}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body?.stream) {
      if (this.latency.firstTokenMs) await sleep(this.latency.firstTokenMs);
      return this.json(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: body?.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage,
      });
    }
    let closed = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        closed = true;
        this.aborted++;
      }
    });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    if (this.latency.firstTokenMs) await sleep(this.latency.firstTokenMs);
    res.write(chunk({ role: 'assistant', content: '' }, null));
    for (let i = 0; i < chunks.length; i++) {
      if (closed) return;
      if (i > 0 && this.latency.perTokenMs) await sleep(this.latency.perTokenMs);
      if (closed) return;
      res.write(chunk({ content: chunks[i] }, null));
    }
    let tail = chunk({}, 'stop');
    if (body.stream_options?.include_usage)
      tail += `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage })}\n\n`;
    res.end(`${tail}data: [DONE]\n\n`);
    void req;
  }

  private misbehave(body: any, res: ServerResponse, fault: ChatFault, first: string) {
    // Held open until the client gives up; counted like any other abandoned answer.
    res.on('close', () => {
      if (!res.writableFinished) this.aborted++;
    });
    if (!body?.stream) {
      if (fault === 'reset') res.socket?.destroy();
      return; // a stall: no answer at all
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    if (fault === 'stall-before-first') return;
    const chunk = {
      id: 'chatcmpl-fault',
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, delta: { role: 'assistant', content: first }, finish_reason: null }],
    };
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    if (fault === 'reset') setTimeout(() => res.socket?.destroy(), 20);
  }

  private async embeddings(body: any, res: ServerResponse) {
    if (this.latency.embeddingMs) await sleep(this.latency.embeddingMs);
    const inputs: string[] = Array.isArray(body?.input) ? body.input : [body?.input ?? ''];
    this.embeddingCalls++;
    this.embeddedInputs += inputs.length;
    const dim = Number(body?.dimensions) || this.embeddingDim;
    const data = inputs.map((text, index) => ({ object: 'embedding', index, embedding: embed(String(text), dim) }));
    const tokens = inputs.reduce((n, t) => n + countTokens(String(t)), 0);
    return this.json(res, 200, { object: 'list', data, model: body?.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
  }

  private rerank(body: any, res: ServerResponse) {
    const q = new Set(words(String(body?.query ?? '')));
    const docs: string[] = (body?.documents ?? []).map((d: any) => (typeof d === 'string' ? d : (d?.text ?? '')));
    const scored = docs.map((text, index) => {
      const w = words(text);
      const hits = w.filter((x) => q.has(x)).length;
      return { index, relevance_score: w.length ? hits / Math.sqrt(w.length * Math.max(1, q.size)) : 0, document: { text } };
    });
    scored.sort((a, b) => b.relevance_score - a.relevance_score);
    const topN = Number(body?.top_n) || scored.length;
    return this.json(res, 200, { model: body?.model, results: scored.slice(0, topN), usage: { total_tokens: docs.length } });
  }

  private json(res: ServerResponse, status: number, obj: unknown) {
    const s = JSON.stringify(obj);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
    res.end(s);
  }

  private error(res: ServerResponse, status: number, message: string, code: string | null = null) {
    const type = status === 429 ? 'rate_limit_exceeded' : status === 401 ? 'invalid_request_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
    this.json(res, status, { error: { message, type, param: null, code } });
  }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Word-ish chunks that keep their separators, so joined chunks equal the content exactly. */
function splitWords(s: string): string[] {
  const parts = s.match(/\S+\s*|\s+/g) ?? [s];
  return parts.length ? parts : [''];
}

/** A cheap, monotone stand-in for BPE counting: about one token per 4 characters or per word. */
function countTokens(s: string): number {
  if (!s) return 0;
  return Math.max(1, Math.ceil(Math.max(s.length / 4, (s.match(/\S+/g) ?? []).length)));
}

function words(s: string): string[] {
  return (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).flatMap((w) => (/[\u3400-\u9fff]/.test(w) ? [...w] : [w]));
}

const wordHashes = new Map<string, Buffer>();
/** Memoized: benchmarks embed thousands of segments from a small vocabulary, and the test model should cost ~nothing. */
function wordHash(w: string): Buffer {
  let h = wordHashes.get(w);
  if (!h) {
    if (wordHashes.size > 200_000) wordHashes.clear();
    h = createHash('md5').update(w).digest();
    wordHashes.set(w, h);
  }
  return h;
}

/** Hashed bag of words (and CJK characters), L2-normalised: shared words → closer vectors. */
function embed(text: string, dim: number): number[] {
  const v = new Array<number>(dim).fill(0);
  for (const w of words(text)) {
    const h = wordHash(w);
    const idx = h.readUInt32LE(0) % dim;
    v[idx] += h[4] & 1 ? 1 : -1;
  }
  const norm = Math.sqrt(v.reduce((n, x) => n + x * x, 0));
  if (!norm) {
    v[0] = 1;
    return v;
  }
  return v.map((x) => x / norm);
}

/** Just enough multipart parsing for the audio endpoints: text fields as strings, `file` as bytes. */
function parseMultipart(raw: Buffer, boundary: string): Record<string, any> {
  const out: Record<string, any> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const next = raw.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = raw.subarray(at + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (name) out[name] = filename !== undefined ? { filename, bytes: content } : content.toString('utf8');
    at = next;
  }
  return out;
}
