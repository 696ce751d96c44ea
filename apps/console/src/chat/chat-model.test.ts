import { describe, expect, it } from 'vitest';
import { ChatMessage, applyChatEvent, promptVariables } from './chat-model';

describe('applyChatEvent', () => {
  it('builds the answer from message chunks, then takes usage and citations from message_end', () => {
    let m: ChatMessage = { id: 'a', role: 'assistant', content: '', streaming: true };
    m = applyChatEvent(m, { event: 'message', answer: 'Hel', message_id: 'm1' });
    m = applyChatEvent(m, { event: 'message', answer: 'lo' });
    m = applyChatEvent(m, {
      event: 'message_end',
      metadata: { usage: { total_tokens: 12, latency: 0.5 }, retriever_resources: [{ document_name: 'a.pdf', score: 0.8 }] },
    });
    expect(m).toMatchObject({
      content: 'Hello',
      messageId: 'm1',
      streaming: false,
      usage: { total_tokens: 12 },
      citations: [{ document_name: 'a.pdf', score: 0.8 }],
    });
  });

  it('reports a stream error and lets message_replace swap the text', () => {
    const m0: ChatMessage = { id: 'a', role: 'assistant', content: 'partial' };
    expect(applyChatEvent(m0, { event: 'message_replace', answer: 'moderated' }).content).toBe('moderated');
    expect(applyChatEvent(m0, { event: 'error', message: 'Provider quota exceeded' })).toMatchObject({ error: 'Provider quota exceeded', streaming: false });
  });
});

describe('promptVariables', () => {
  it('finds each {{variable}} once, in order, ignoring malformed ones', () => {
    expect(promptVariables('Hi {{name}}, about {{ topic }} for {{name}}; not {{1x}} or {single}')).toEqual(['name', 'topic']);
  });
});
