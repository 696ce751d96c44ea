import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ChatAppFixture, createAdminAndApp } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

// dify-client is ESM-only; keep tsc's CommonJS output from turning this import into require().
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<any>;

async function readStream(stream: NodeJS.ReadableStream): Promise<any[]> {
  let raw = '';
  for await (const chunk of stream) raw += chunk.toString();
  return raw
    .split('\n\n')
    .map((b) => b.trim())
    .filter((b) => b.startsWith('data: '))
    .map((b) => JSON.parse(b.slice(6)));
}

describe('the official dify-client SDK works unchanged', () => {
  let t: TestPlatform;
  let chatApp: ChatAppFixture;
  let completionApp: ChatAppFixture;
  let sdk: any;

  before(async () => {
    t = await startTestPlatform();
    sdk = await importEsm('dify-client');
    chatApp = await createAdminAndApp(t.base, {
      model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} },
      pre_prompt: 'Help {{name}}.',
      user_input_form: [{ 'text-input': { label: 'Name', variable: 'name', required: true } }],
      suggested_questions_after_answer: { enabled: true },
    });
    completionApp = await createAdminAndApp(
      t.base,
      {
        model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'completion', completion_params: {} },
        pre_prompt: 'Summarise: {{text}}',
        user_input_form: [{ paragraph: { label: 'Text', variable: 'text', required: true } }],
      },
      'completion',
    );
  });
  after(async () => t?.stop());

  it('ChatClient: blocking, streaming, history, conversations, rename, feedback, delete', async () => {
    const client = new sdk.ChatClient(chatApp.key, `${t.base}/v1`);
    const first = await client.createChatMessage({ name: 'Lee' }, 'Hello SDK', 'sdk-user');
    assert.equal(first.status, 200);
    assert.equal(first.data.answer, 'Echo: Hello SDK');
    const cid = first.data.conversation_id;

    const streamed = await client.createChatMessage({ name: 'Lee' }, 'and streaming', 'sdk-user', true, cid);
    const events = await readStream(streamed.data);
    assert.equal(
      events
        .filter((e) => e.event === 'message')
        .map((e) => e.answer)
        .join(''),
      'Echo: and streaming',
    );
    assert.equal(events.at(-1).event, 'message_end');
    assert.equal(events.at(-1).conversation_id, cid);

    const msgs = await client.getConversationMessages('sdk-user', cid);
    assert.deepEqual(
      msgs.data.data.map((m: any) => m.query),
      ['Hello SDK', 'and streaming'],
    );

    const convs = await client.getConversations('sdk-user');
    assert.equal(convs.data.data[0].id, cid);
    const renamed = await client.renameConversation(cid, 'SDK chat', 'sdk-user');
    assert.equal(renamed.data.name, 'SDK chat');

    const fb = await client.messageFeedback(first.data.message_id, 'like', 'sdk-user');
    assert.deepEqual(fb.data, { result: 'success' });

    const params = await client.getApplicationParameters('sdk-user');
    assert.equal(params.data.user_input_form[0]['text-input'].variable, 'name');

    const del = await client.deleteConversation(cid, 'sdk-user');
    assert.ok(del.status === 204 || del.status === 200);
    const after = await client.getConversations('sdk-user');
    assert.equal(after.data.data.length, 0);
  });

  it('surfaces Dify errors as axios errors with {code, message, status}', async () => {
    const client = new sdk.ChatClient(chatApp.key, `${t.base}/v1`);
    await assert.rejects(client.createChatMessage({}, 'no name', 'sdk-user'), (err: any) => {
      assert.equal(err.response.status, 400);
      assert.equal(err.response.data.code, 'invalid_param');
      return true;
    });
    const bad = new sdk.ChatClient('app-000000000000000000000000', `${t.base}/v1`);
    await assert.rejects(bad.getApplicationParameters('u'), (err: any) => err.response.status === 401 && err.response.data.code === 'invalid_api_key');
  });

  it('CompletionClient: blocking and streaming completion messages', async () => {
    const client = new sdk.CompletionClient(completionApp.key, `${t.base}/v1`);
    const res = await client.createCompletionMessage({ text: 'long text' }, 'sdk-user');
    assert.equal(res.data.answer, 'Echo: Summarise: long text');
    const streamed = await client.createCompletionMessage({ text: 'x' }, 'sdk-user', true);
    const events = await readStream(streamed.data);
    assert.equal(events.at(-1).event, 'message_end');
  });

  it('DifyClient.fileUpload sends multipart and gets 201', async () => {
    const client = new sdk.DifyClient(chatApp.key, `${t.base}/v1`);
    const form = new FormData();
    form.append('file', new Blob(['hello file'], { type: 'text/plain' }), 'note.txt');
    form.append('user', 'sdk-user');
    const res = await client.fileUpload(form);
    assert.equal(res.status, 201);
    assert.equal(res.data.name, 'note.txt');
    assert.equal(res.data.size, 10);
  });
});
