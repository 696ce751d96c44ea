import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ChatAppFixture, createAdminAndApp } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

/**
 * The seed reference's own examples, run as its readers would: its curl commands and its
 * JavaScript streaming client (the class from §6.2, with only the base URL changed).
 */
class SeedDifyClient {
  headers: Record<string, string>;
  constructor(
    private apiKey: string,
    private baseUrl: string,
  ) {
    this.headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
  }

  async *chatMessages(options: { inputs: object; query: string; user: string; conversationId?: string; responseMode?: string; files?: unknown[] }) {
    const { inputs, query, user, conversationId = '', responseMode = 'streaming', files = [] } = options;
    const data = { inputs, query, response_mode: responseMode, conversation_id: conversationId, user, files };
    const response = await fetch(`${this.baseUrl}/v1/chat-messages`, { method: 'POST', headers: this.headers, body: JSON.stringify(data) });
    if (!response.ok) throw new Error(`HTTP error! status: ${response.status}`);
    if (responseMode !== 'streaming') {
      yield await response.json();
      return;
    }
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    try {
      while (true) {
        const { done, value } = await reader.read();
        if (done) break;
        const chunk = decoder.decode(value);
        for (const line of chunk.split('\n')) {
          if (line.startsWith('data: ')) {
            try {
              yield JSON.parse(line.slice(6));
            } catch {
              // the seed's client ignores partial lines
            }
          }
        }
      }
    } finally {
      reader.releaseLock();
    }
  }

  async completions(options: { inputs: object; user: string; responseMode?: string; files?: unknown[] }) {
    const { inputs, user, responseMode = 'blocking', files = [] } = options;
    const response = await fetch(`${this.baseUrl}/v1/completions`, {
      method: 'POST',
      headers: this.headers,
      body: JSON.stringify({ inputs, response_mode: responseMode, user, files }),
    });
    if (!response.ok) throw new Error(`HTTP error! status: ${response.status}`);
    return (await response.json()) as any;
  }
}

describe('the seed reference examples', () => {
  let t: TestPlatform;
  let chat: ChatAppFixture;
  let completion: ChatAppFixture;

  before(async () => {
    t = await startTestPlatform();
    chat = await createAdminAndApp(t.base, {
      model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} },
      pre_prompt: '你是{{name}}的助手。',
      user_input_form: [{ 'text-input': { label: '姓名', variable: 'name', required: true, max_length: 50 } }],
    });
    completion = await createAdminAndApp(
      t.base,
      {
        model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'completion', completion_params: {} },
        pre_prompt: '请以{{style}}的风格介绍{{topic}}',
        user_input_form: [
          { 'text-input': { label: 'topic', variable: 'topic', required: true } },
          { 'text-input': { label: 'style', variable: 'style', required: false } },
        ],
      },
      'completion',
    );
  });
  after(async () => t?.stop());

  it('§6.2 JavaScript client: streaming chat prints the answer and usage', async () => {
    const client = new SeedDifyClient(chat.key, t.base);
    let answer = '';
    let usage: any;
    for await (const chunk of client.chatMessages({ inputs: { name: '张三' }, query: '你好，请介绍一下你的功能', user: 'user-123' })) {
      if (chunk.event === 'message') answer += chunk.answer || '';
      else if (chunk.event === 'message_end') usage = chunk.metadata?.usage;
    }
    assert.equal(answer, 'Echo: 你好，请介绍一下你的功能');
    assert.ok(usage.prompt_tokens > 0 && usage.total_tokens === usage.prompt_tokens + usage.completion_tokens);
  });

  it('§6.2 JavaScript client: completions on /v1/completions', async () => {
    const res = await new SeedDifyClient(completion.key, t.base).completions({ inputs: { topic: '人工智能', style: '专业' }, user: 'user-123' });
    assert.equal(res.mode, 'completion');
    assert.equal(res.answer, 'Echo: 请以专业的风格介绍人工智能');
  });

  it(
    '§2 curl examples: chat-messages streaming, messages, files/upload, parameters',
    { skip: spawnSync('curl', ['--version']).status !== 0 && 'curl not installed' },
    async () => {
      // Asynchronously: the server runs in this very process and must keep serving while curl waits.
      const curl = async (...args: string[]) => (await promisify(execFile)('curl', ['-sS', ...args], { encoding: 'utf8' })).stdout;
      const streamed = await curl(
        '-X',
        'POST',
        `${t.base}/v1/chat-messages`,
        '--header',
        `Authorization: Bearer ${chat.key}`,
        '--header',
        'Content-Type: application/json',
        '--data-raw',
        JSON.stringify({
          inputs: { name: '张三' },
          query: '你好，我想了解产品信息',
          response_mode: 'streaming',
          conversation_id: '',
          user: 'user-123',
          files: [],
        }),
      );
      const events = streamed
        .split('\n\n')
        .filter((b) => b.startsWith('data: '))
        .map((b) => JSON.parse(b.slice(6)));
      assert.equal(events.at(-1).event, 'message_end');
      const cid = events.at(-1).conversation_id;
      const history = JSON.parse(
        await curl('-X', 'GET', `${t.base}/v1/messages?conversation_id=${cid}&user=user-123&limit=20`, '--header', `Authorization: Bearer ${chat.key}`),
      );
      assert.deepEqual(Object.keys(history).sort(), ['data', 'has_more', 'limit']);
      assert.equal(history.data[0].query, '你好，我想了解产品信息');
      const up = JSON.parse(
        await curl(
          '-X',
          'POST',
          `${t.base}/v1/files/upload`,
          '--header',
          `Authorization: Bearer ${chat.key}`,
          '--form',
          `file=@${__filename};filename=document.txt`,
          '--form',
          'user="user-123"',
        ),
      );
      for (const f of ['id', 'name', 'size', 'extension', 'mime_type', 'created_by', 'created_at']) assert.ok(f in up, f);
      const params = JSON.parse(await curl('-X', 'GET', `${t.base}/v1/parameters`, '--header', `Authorization: Bearer ${chat.key}`));
      assert.equal(params.user_input_form[0]['text-input'].label, '姓名');
      for (const f of ['speech_to_text', 'text_to_speech', 'retriever_resource', 'annotation_reply', 'suggested_questions_after_answer', 'file_upload'])
        assert.ok(f in params, f);
    },
  );
});
