import { describe, expect, it } from 'vitest';
import { SseEvent, SseParser, readDifyStream } from './sse';

function parseAll(chunks: string[]): SseEvent[] {
  const out: SseEvent[] = [];
  const p = new SseParser((e) => out.push(e));
  for (const c of chunks) p.push(c);
  p.end();
  return out;
}

describe('SseParser', () => {
  it('reads Dify data events and named pings', () => {
    const text = 'data: {"event":"message","answer":"Hi"}\n\nevent: ping\n\ndata: {"event":"message_end"}\n\n';
    expect(parseAll([text])).toEqual([
      { event: 'message', data: '{"event":"message","answer":"Hi"}' },
      { event: 'ping', data: '' },
      { event: 'message', data: '{"event":"message_end"}' },
    ]);
  });

  it('gives the same events however the text is cut, including inside a line and between \\r and \\n', () => {
    const text = 'data: {"a":1}\r\n\r\n: comment\n\ndata: line one\ndata: line two\n\nid: 7\nevent: x\ndata:no-space\n\n';
    const whole = parseAll([text]);
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(parseAll(chunks)).toEqual(whole);
    }
    expect(whole).toEqual([
      { event: 'message', data: '{"a":1}' },
      { event: 'message', data: 'line one\nline two' },
      { event: 'x', data: 'no-space', id: '7' },
    ]);
  });

  it('keeps the last event when the stream ends without a blank line', () => {
    expect(parseAll(['data: {"event":"message_end"}'])).toEqual([{ event: 'message', data: '{"event":"message_end"}' }]);
  });
});

describe('readDifyStream', () => {
  it('decodes multi-byte characters split across network chunks and skips pings and junk', async () => {
    const bytes = new TextEncoder().encode(
      'event: ping\n\ndata: {"event":"message","answer":"你好"}\n\ndata: not json\n\ndata: {"event":"message_end","message_id":"m1"}\n\n',
    );
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        // cut inside the UTF-8 bytes of 你
        const cut = bytes.indexOf(0xe4) + 1;
        c.enqueue(bytes.slice(0, cut));
        c.enqueue(bytes.slice(cut));
        c.close();
      },
    });
    const seen: unknown[] = [];
    await readDifyStream(new Response(body), (e) => seen.push(e));
    expect(seen).toEqual([
      { event: 'message', answer: '你好' },
      { event: 'message_end', message_id: 'm1' },
    ]);
  });
});
