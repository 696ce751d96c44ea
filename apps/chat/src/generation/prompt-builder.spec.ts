import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenCounter } from '@sluice/llm';
import { PromptBuilder, renderPrePrompt } from './prompt-builder';

describe('renderPrePrompt', () => {
  it('substitutes {{var}} and leaves unknown variables empty', () => {
    assert.equal(renderPrePrompt('Hi {{ name }}, {{missing}}!', { name: '张三' }), 'Hi 张三, !');
    assert.equal(renderPrePrompt('{{obj}}', { obj: { a: 1 } }), '{"a":1}');
  });
});

describe('PromptBuilder', () => {
  const b = new PromptBuilder(new TokenCounter());
  const base = { mode: 'chat' as const, model: 'gpt-4', prePrompt: 'Be brief.', inputs: {}, query: 'now?', images: [], maxCompletionTokens: 512 };

  it('puts retrieved context at {{#context#}} when the prompt has it, else before the system prompt', () => {
    const marked = b.build({ ...base, prePrompt: 'Facts: {{#context#}} End.', context: 'Refunds take 30 days.', history: [] });
    assert.equal(marked[0].content, 'Facts: Refunds take 30 days. End.');
    const lead = b.build({ ...base, context: 'Refunds take 30 days.', history: [] });
    assert.match(String(lead[0].content), /<context>\nRefunds take 30 days\.\n<\/context>[\s\S]*Be brief\.$/);
    const none = b.build({ ...base, prePrompt: 'Facts: {{#context#}}', history: [] });
    assert.equal(none[0].content, 'Facts: ', 'the marker never reaches the model');
  });

  it('puts system, memory oldest-first, then the query', () => {
    const msgs = b.build({
      ...base,
      history: [
        { query: 'q2', answer: 'a2' },
        { query: 'q1', answer: 'a1' },
      ],
    });
    assert.deepEqual(
      msgs.map((m) => m.content),
      ['Be brief.', 'q1', 'a1', 'q2', 'a2', 'now?'],
    );
  });

  it('drops the oldest turns when memory would overflow the context window', () => {
    const long = 'word '.repeat(5000);
    const history = [
      { query: 'recent', answer: 'short' },
      { query: long, answer: long },
    ];
    const msgs = b.build({ ...base, history });
    const contents = msgs.map((m) => m.content);
    assert.ok(contents.includes('recent'));
    assert.ok(!contents.includes(long), 'a turn that does not fit (gpt-4 has 8k) is left out');
  });

  it('keeps a turn whose text is longer in bytes than the window but fits in tokens', () => {
    // ~9,000 bytes, ~1,800 tokens: over gpt-4's 8k window by size, well within it by count
    const wordy = 'word '.repeat(1800);
    const contents = b.build({ ...base, history: [{ query: wordy, answer: 'noted' }] }).map((m) => m.content);
    assert.deepEqual(contents, ['Be brief.', wordy, 'noted', 'now?']);
  });

  it('sends images as vision parts and completion prompts as one user message', () => {
    const msgs = b.build({ ...base, history: [], images: [{ url: 'data:image/png;base64,AA' }] });
    assert.ok(Array.isArray(msgs.at(-1)!.content));
    const c = b.build({ ...base, mode: 'completion', prePrompt: 'Write about {{topic}}', inputs: { topic: 'tea' }, history: [] });
    assert.deepEqual(c, [{ role: 'user', content: 'Write about tea' }]);
  });
});
