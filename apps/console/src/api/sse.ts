/** One Server-Sent Event as Dify sends them: `data: {json}` blocks, sometimes named (`event: ping`). */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental SSE parser (the WHATWG event-stream rules that matter here): text arrives in arbitrary
 * chunks — a line, an event or a multi-byte character may be split anywhere — and whole events come out.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;

  constructor(private readonly onEvent: (e: SseEvent) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.nextLineEnd()) >= 0) {
      const line = this.buffer.slice(0, nl);
      // \r\n counts as one line end; a lone \r at the very end may still be followed by \n.
      const skip = this.buffer[nl] === '\r' && this.buffer[nl + 1] === '\n' ? 2 : 1;
      this.buffer = this.buffer.slice(nl + skip);
      this.line(line);
    }
  }

  /** The stream ended: an event without its closing blank line still counts. */
  end(): void {
    if (this.buffer) this.line(this.buffer);
    this.buffer = '';
    this.dispatch();
  }

  private nextLineEnd(): number {
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c === '\n') return i;
      if (c === '\r') return i === this.buffer.length - 1 ? -1 : i;
    }
    return -1;
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
  }

  private dispatch(): void {
    if (this.data.length === 0 && !this.event) return;
    const e: SseEvent = { event: this.event || 'message', data: this.data.join('\n') };
    if (this.id !== undefined) e.id = this.id;
    this.data = [];
    this.event = '';
    this.onEvent(e);
  }
}

/** A Dify stream event's JSON payload; `event` names it (message, message_end, node_started, error…). */
export interface DifyStreamEvent {
  event: string;
  task_id?: string;
  message_id?: string;
  conversation_id?: string;
  answer?: string;
  [k: string]: unknown;
}

/** Parses a `data:` payload; pings and non-JSON keep-alives give null. */
export function parseDifyEvent(e: SseEvent): DifyStreamEvent | null {
  if (e.event === 'ping' || !e.data) return null;
  try {
    const v = JSON.parse(e.data) as DifyStreamEvent;
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

/** Reads a fetch Response body as SSE, calling onEvent for each Dify event, until the stream ends or aborts. */
export async function readDifyStream(res: Response, onEvent: (e: DifyStreamEvent) => void): Promise<void> {
  if (!res.body) return;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser((raw) => {
    const ev = parseDifyEvent(raw);
    if (ev) onEvent(ev);
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.push(decoder.decode(value, { stream: true }));
  }
  parser.push(decoder.decode());
  parser.end();
}
