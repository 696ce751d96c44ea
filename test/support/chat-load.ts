import { parseSse } from './http-client';

export interface ChatOutcome {
  start: number;
  end: number;
  mode: 'blocking' | 'streaming';
  /** HTTP status */
  status: number;
  /** the answer when the turn finished (200 with message_end, or a blocking answer) */
  answer?: string;
  messageId?: string;
  /** Dify's error code when the caller was given one (an error body or an `error` event) */
  errorCode?: string;
  body: string;
}

/**
 * One chat turn over the Service API, blocking or streaming, reduced to what fault tests assert on.
 * `onFirstEvent` is called when the first streamed `message` event arrives.
 */
export async function chatTurn(
  base: string,
  key: string,
  mode: 'blocking' | 'streaming',
  query: string,
  user: string,
  onFirstEvent?: () => void,
): Promise<ChatOutcome> {
  const start = Date.now();
  const o: ChatOutcome = { start, end: 0, mode, status: 0, body: '' };
  try {
    const res = await fetch(`${base}/v1/chat-messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: {}, query, response_mode: mode, user, auto_generate_name: false }),
    });
    o.status = res.status;
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      o.body += decoder.decode(chunk, { stream: true });
      if (onFirstEvent && o.body.includes('"event":"message"')) {
        onFirstEvent();
        onFirstEvent = undefined;
      }
    }
    if (res.status !== 200) {
      o.errorCode = safeJson(o.body)?.code ?? 'no_body';
    } else if (mode === 'blocking') {
      const b = safeJson(o.body);
      o.answer = b?.answer;
      o.messageId = b?.message_id;
    } else {
      const events = parseSse(o.body);
      const err = events.find((e) => e.event === 'error');
      if (err) o.errorCode = err.code;
      else if (events.some((e) => e.event === 'message_end')) {
        o.answer = events
          .filter((e) => e.event === 'message')
          .map((e) => e.answer)
          .join('');
        o.messageId = events.find((e) => e.event === 'message_end').message_id;
      } else o.errorCode = 'stream_cut';
    }
  } catch (err) {
    o.errorCode = `fetch_failed: ${(err as Error).message}`;
  }
  o.end = Date.now();
  return o;
}

function safeJson(s: string): any {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Keeps `workers` callers chatting (alternating blocking and streaming) until stopped. */
export function chatLoad(base: string, key: string, workers: number) {
  const outcomes: ChatOutcome[] = [];
  let running = true;
  let n = 0;
  const done = Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (running) {
        const i = n++;
        const o = await chatTurn(base, key, i % 2 ? 'streaming' : 'blocking', `question ${i} from worker ${w}`, `load-user-${w}`);
        outcomes.push(o);
        if (o.errorCode) await new Promise((r) => setTimeout(r, 100));
      }
    }),
  );
  return {
    outcomes,
    async stop() {
      running = false;
      await done;
    },
  };
}

/** What no error body or event may ever contain: a library's name or advice, or a stack frame. */
export const LEAKS = /ioredis|maxRetriesPerRequest|QueryFailedError|TypeORM|node_modules|\n\s+at |ECONNREFUSED/;
