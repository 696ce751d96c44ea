import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAdminAndApp, http } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

describe('limits and provider failures', () => {
  let t: TestPlatform;

  before(async () => {
    t = await startTestPlatform({ API_RATE_LIMIT_RPM: '3', APP_MAX_ACTIVE_REQUESTS: '1' });
  });
  after(async () => t?.stop());

  it('limits requests per minute per key with 429 rate_limit_exceeded and Retry-After', async () => {
    const app = await createAdminAndApp(t.base);
    // 7 calls: even if a minute boundary splits them, one window sees more than 3.
    const res = [];
    for (let i = 0; i < 7; i++) res.push(await http(t.base, 'GET', '/v1/parameters', { token: app.key }));
    const limited = res.filter((r) => r.status === 429);
    assert.ok(limited.length >= 1, 'some calls are limited');
    assert.equal(limited[0].body.code, 'rate_limit_exceeded');
    assert.ok(Number(limited[0].headers.get('retry-after')) > 0);
  });

  it('caps concurrent generations per app with 429 too_many_requests', async () => {
    const app = await createAdminAndApp(t.base);
    t.model.setLatency({ firstTokenMs: 400 });
    try {
      const body = { inputs: {}, query: 'slow one', user: 'u', auto_generate_name: false };
      const [a, b] = await Promise.all([
        http(t.base, 'POST', '/v1/chat-messages', { token: app.key, body }),
        new Promise((r) => setTimeout(r, 100)).then(() => http(t.base, 'POST', '/v1/chat-messages', { token: app.key, body })),
      ]);
      assert.equal(a.status, 200, a.text);
      assert.deepEqual([b.status, b.body.code], [429, 'too_many_requests']);
      const again = await http(t.base, 'POST', '/v1/chat-messages', { token: app.key, body });
      assert.equal(again.status, 200, 'the slot is released when the answer ends');
    } finally {
      t.model.setLatency({});
    }
  });

  it('names new conversations with the model in the background when auto_generate_name is on', async () => {
    const app = await createAdminAndApp(t.base);
    const r = await http(t.base, 'POST', '/v1/chat-messages', { token: app.key, body: { inputs: {}, query: 'how do refunds work', user: 'namer' } });
    let name = '';
    for (let i = 0; i < 20 && !name.startsWith('Echo'); i++) {
      await new Promise((res) => setTimeout(res, 100));
      name = (await http(t.base, 'GET', '/v1/conversations?user=namer', { token: app.key })).body.data[0].name;
    }
    assert.equal(r.status, 200);
    assert.equal(name, 'Echo: how do refunds work', 'the title the model wrote');
  });

  it('reports an unknown model as model_currently_not_support', async () => {
    const app = await createAdminAndApp(t.base, { model: { provider: 'openai', name: 'no-such-model', mode: 'chat', completion_params: {} } });
    const r = await http(t.base, 'POST', '/v1/chat-messages', { token: app.key, body: { inputs: {}, query: 'x', user: 'u', auto_generate_name: false } });
    assert.deepEqual([r.status, r.body.code], [503, 'model_currently_not_support']);
  });
});

describe('a deployment with no model credentials', () => {
  let t: TestPlatform;
  before(async () => {
    t = await startTestPlatform({ OPENAI_BASE_URL: '', OPENAI_API_KEY: '' });
  });
  after(async () => t?.stop());

  it('answers 503 provider_not_initialize and keeps no half-written turn', async () => {
    const app = await createAdminAndApp(t.base);
    const r = await http(t.base, 'POST', '/v1/chat-messages', { token: app.key, body: { inputs: {}, query: 'anyone there?', user: 'u' } });
    assert.deepEqual([r.status, r.body.code], [503, 'provider_not_initialize']);
    const convs = await http(t.base, 'GET', '/v1/conversations?user=u', { token: app.key });
    assert.equal(convs.body.data.length, 0);
  });
});
