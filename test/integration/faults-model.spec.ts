import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LEAKS, chatTurn } from '../support/chat-load';
import { createAdminAndApp, http, parseSse } from '../support/http-client';
import { PlatformProcess } from '../support/platform-process';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

// Fault suite, model provider and service processes: the platform in this process (gateway,
// workflow, dataset, ingestion) with the chat service in a child process that is SIGKILLed
// mid-stream; then a misbehaving model — 500, 429, a dropped connection, a stall before or after
// the first token — for chat (blocking and streaming), a workflow LLM node and the title call.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MODEL = { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} };
const LIMITS = { MODEL_FIRST_TOKEN_TIMEOUT_SECONDS: '2', MODEL_IDLE_TIMEOUT_SECONDS: '1', APP_MAX_EXECUTION_TIME: '6', WORKFLOW_MAX_EXECUTION_SECONDS: '6' };
const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source', targetHandle: 'target' });

describe('fault suite: service processes and model providers that fail', () => {
  let t: TestPlatform;
  let chat: PlatformProcess[] = [];
  let key: string;
  let token: string;

  /** A chat service replica in its own process, on this platform's database and Redis. */
  const chatReplica = () =>
    PlatformProcess.start({
      SERVICES: 'chat',
      DATABASE_URL: t.config.databaseUrl,
      REDIS_URL: t.config.redisUrl,
      REDIS_PREFIX: t.config.redisPrefix,
      DATA_DIR: t.config.dataDir,
      OPENAI_BASE_URL: t.model.url,
      OPENAI_API_KEY: 'sk-test',
      LOG_LEVEL: 'warn',
      ...LIMITS,
    });

  before(async () => {
    t = await startTestPlatform({ SERVICES: 'gateway,workflow,dataset,ingest-worker', ...LIMITS });
    chat.push(await chatReplica());
    const app = await createAdminAndApp(t.base, { model: MODEL, pre_prompt: 'Be brief.' });
    ({ key, token } = app);
  });

  after(async () => {
    for (const c of chat) await c.stop();
    await t?.stop();
  });

  it('a chat process SIGKILLed mid-stream: its streams end with service_unavailable within seconds, another replica takes over, the cut-off turns are marked as errors', async () => {
    t.model.setReply(Array.from({ length: 30 }, (_, i) => `token${i}`).join(' '));
    t.model.setLatency({ perTokenMs: 100 });
    const started: Promise<void>[] = [];
    const streams = ['one', 'two', 'three'].map((q) => {
      let first!: () => void;
      started.push(new Promise((r) => (first = r)));
      return chatTurn(t.base, key, 'streaming', `killed mid-stream ${q}`, 'u-kill', first);
    });
    await Promise.race([Promise.all(started), sleep(15_000)]);
    // The replica that takes over boots meanwhile; the three streams are already the killed one's.
    const takeover = chatReplica();
    const killedAt = Date.now();
    await chat[0].kill();
    const outcomes = await Promise.all(streams);
    for (const o of outcomes) {
      const events = parseSse(o.body);
      assert.ok(
        events.some((e) => e.event === 'message'),
        'it was streaming when the process died',
      );
      assert.equal(o.errorCode, 'service_unavailable', o.body.slice(-300));
      assert.ok(o.end - killedAt < 10_000, `told after ${o.end - killedAt} ms`);
    }
    console.log(`  chat SIGKILL: streams ended with service_unavailable ${Math.max(...outcomes.map((o) => o.end - killedAt))} ms after the kill`);
    t.model.setLatency({});
    t.model.setReply(null);

    chat.push(await takeover);
    const ok = await chatTurn(t.base, key, 'blocking', 'after the kill', 'u-kill');
    assert.equal(ok.status, 200, ok.body);
    // Nobody will finish the killed process's turns: the reaper marks them, and history shows it.
    const conversations = await http(t.base, 'GET', '/v1/conversations?user=u-kill&limit=10', { token: key });
    const cut = conversations.body.data.filter((c: { name: string }) => /killed mid-stream/.test(c.name));
    assert.equal(cut.length, 3);
    for (const c of cut) {
      let history;
      for (const t0 = Date.now(); ; await sleep(500)) {
        history = await http(t.base, 'GET', `/v1/messages?conversation_id=${c.id}&user=u-kill`, { token: key });
        if (history.body.data?.[0]?.status === 'error') break;
        assert.ok(Date.now() - t0 < 20_000, `turn not reaped: ${history.text}`);
      }
      assert.match(history.body.data[0].error, /interrupted/);
    }
  });

  it('a model answering 500 or 429, or dropping the connection: completion_request_error (body or error event), stored as an error turn, the next turn works', async () => {
    t.model.failNext(2, { status: 500, message: 'upstream exploded' }); // the client retries once
    const e500 = await chatTurn(t.base, key, 'blocking', 'five hundred', 'u-model');
    assert.equal(e500.status, 500);
    assert.equal(JSON.parse(e500.body).code, 'completion_request_error');
    assert.match(JSON.parse(e500.body).message, /\[500\] upstream exploded/);

    t.model.failNext(2, { status: 429 });
    const e429 = await chatTurn(t.base, key, 'streaming', 'rate limited', 'u-model');
    assert.equal(e429.status, 200);
    assert.equal(e429.errorCode, 'completion_request_error');
    assert.match(e429.body, /rate limiting/);

    t.model.faultNext(1, 'reset');
    const reset = await chatTurn(t.base, key, 'streaming', 'connection reset', 'u-model');
    assert.equal(reset.errorCode, 'completion_request_error');
    assert.ok(
      parseSse(reset.body).some((e) => e.event === 'message'),
      'the part before the reset was streamed',
    );
    for (const o of [e500, e429, reset]) assert.doesNotMatch(o.body, LEAKS);

    const ok = await chatTurn(t.base, key, 'blocking', 'all good again', 'u-model');
    assert.equal(ok.status, 200);
    const conversations = await http(t.base, 'GET', '/v1/conversations?user=u-model&limit=10', { token: key });
    const statuses: string[] = [];
    for (const c of conversations.body.data) {
      const h = await http(t.base, 'GET', `/v1/messages?conversation_id=${c.id}&user=u-model`, { token: key });
      statuses.push(...h.body.data.map((m: { status: string; error: string | null }) => `${m.status}${m.error ? ':error-text' : ''}`));
    }
    assert.deepEqual(
      statuses.sort(),
      ['error:error-text', 'error:error-text', 'error:error-text', 'normal'],
      'each failed turn once, as an error with its reason',
    );
  });

  it('a hung model is timed out: no first token (blocking) or silence after the first token (streaming) ends the turn with completion_request_error, and the provider call is aborted', async () => {
    const abortedBefore = t.model.aborted;
    t.model.faultNext(1, 'stall-before-first');
    const silent = await chatTurn(t.base, key, 'blocking', 'hello? anyone?', 'u-hung');
    assert.equal(JSON.parse(silent.body).code, 'completion_request_error', silent.body);
    assert.match(JSON.parse(silent.body).message, /sent nothing within 2 seconds/);
    assert.ok(silent.end - silent.start < 5000, `answered after ${silent.end - silent.start} ms`);

    t.model.faultNext(1, 'stall-after-first');
    const stalled = await chatTurn(t.base, key, 'streaming', 'start and stop', 'u-hung');
    const events = parseSse(stalled.body);
    assert.equal(events.filter((e) => e.event === 'message').length, 1);
    assert.equal(events.at(-1).event, 'error');
    assert.equal(events.at(-1).code, 'completion_request_error');
    assert.match(events.at(-1).message, /stopped sending for 1 seconds/);
    assert.ok(stalled.end - stalled.start < 4000, `ended after ${stalled.end - stalled.start} ms`);
    await sleep(100);
    assert.equal(t.model.aborted - abortedBefore, 2, 'both provider requests were aborted');
    console.log(`  hung model: blocking answered in ${silent.end - silent.start} ms, stream ended in ${stalled.end - stalled.start} ms`);
  });

  it('a hung model in a workflow LLM node fails the run in time; a hung title call gives up and keeps the plain name', async () => {
    const wf = await http(t.base, 'POST', '/console/api/apps', { token, body: { name: 'hung-workflow', mode: 'workflow' } });
    const graph = {
      nodes: [
        node('start', 'start', { variables: [] }),
        node('llm', 'llm', { model: MODEL, prompt_template: [{ role: 'user', text: 'Say something' }] }),
        node('end', 'end', { outputs: [{ variable: 'text', value_selector: ['llm', 'text'] }] }),
      ],
      edges: [edge('start', 'llm'), edge('llm', 'end')],
    };
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${wf.body.id}/workflows/draft`, { token, body: { graph } })).status, 200);
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${wf.body.id}/workflows/publish`, { token })).status, 200);
    const wfKey = (await http(t.base, 'POST', `/console/api/apps/${wf.body.id}/api-keys`, { token })).body.token;
    t.model.faultNext(1, 'stall-after-first');
    const t0 = Date.now();
    const run = await http(t.base, 'POST', '/v1/workflows/run', { token: wfKey, body: { inputs: {}, response_mode: 'blocking', user: 'u-wf' } });
    assert.ok(Date.now() - t0 < 5000, `the run took ${Date.now() - t0} ms`);
    assert.equal(run.body.data?.status, 'failed', run.text);
    assert.match(run.body.data.error, /stopped sending/);

    const abortedBefore = t.model.aborted;
    t.model.faultNext(1, 'stall-before-first', (body) => JSON.stringify(body.messages).includes('short title'));
    const res = await http(t.base, 'POST', '/v1/chat-messages', {
      token: key,
      body: { inputs: {}, query: 'what is the refund policy for damaged goods', response_mode: 'blocking', user: 'u-title', auto_generate_name: true },
    });
    assert.equal(res.status, 200);
    for (const t1 = Date.now(); t.model.aborted === abortedBefore; await sleep(100)) assert.ok(Date.now() - t1 < 5000, 'the title call was aborted');
    const conv = await http(t.base, 'GET', '/v1/conversations?user=u-title', { token: key });
    assert.equal(conv.body.data[0].name, 'what is the refund policy for ...');
  });
});
