import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppConfig } from '@sluice/config';
import { CompletionRequestError } from '@sluice/contracts';
import { OpenAiTestServer } from '@sluice/testing';
import { LlmClient } from './llm-client';

describe('LlmClient deadlines against a hung provider', () => {
  const model = new OpenAiTestServer();
  let credentials: { baseUrl: string; apiKey: string };
  const llm = new LlmClient({ modelTimeouts: { firstTokenMs: 400, idleMs: 300 }, appMaxExecutionSeconds: 2 } as AppConfig);
  const messages = [{ role: 'user' as const, content: 'hello there' }];

  before(async () => {
    credentials = { baseUrl: (await model.start()).url, apiKey: 'sk-test' };
  });
  after(() => model.stop());

  async function collect(signal?: AbortSignal) {
    let text = '';
    for await (const c of llm.streamChat({ credentials, model: 'gpt-4o-mini', messages, signal })) text += c.delta ?? '';
    return text;
  }

  it('aborts a provider that sends nothing with completion_request_error after the first-token timeout', async () => {
    model.faultNext(1, 'stall-before-first');
    const t0 = Date.now();
    await assert.rejects(collect(), (e) => e instanceof CompletionRequestError && /sent nothing within 0\.4 seconds/.test(e.message));
    assert.ok(Date.now() - t0 < 1500);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(model.aborted, 1, 'the provider request was aborted, not left open');
  });

  it('aborts a stream that stops after its first token after the idle timeout', async () => {
    model.faultNext(1, 'stall-after-first');
    await assert.rejects(collect(), (e) => e instanceof CompletionRequestError && /stopped sending for 0\.3 seconds/.test(e.message));
  });

  it('bounds the whole call, however steadily tokens trickle', async () => {
    model.setReply(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '));
    model.setLatency({ perTokenMs: 100 });
    try {
      await assert.rejects(collect(), (e) => e instanceof CompletionRequestError && /did not finish within 2 seconds/.test(e.message));
    } finally {
      model.setLatency({});
      model.setReply(null);
    }
  });

  it('applies to whole answers too (the title call, workflow nodes)', async () => {
    model.faultNext(1, 'stall-before-first');
    await assert.rejects(
      llm.chat({ credentials, model: 'gpt-4o-mini', messages }),
      (e) => e instanceof CompletionRequestError && /\[timeout\]/.test(e.message),
    );
    assert.equal((await llm.chat({ credentials, model: 'gpt-4o-mini', messages })).text, 'Echo: hello there');
  });

  it('reports a connection dropped mid-answer as completion_request_error', async () => {
    model.faultNext(1, 'reset');
    await assert.rejects(collect(), (e) => e instanceof CompletionRequestError);
  });

  it('a stop by the caller ends the stream quietly', async () => {
    model.faultNext(1, 'stall-after-first');
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 100);
    assert.equal(typeof (await collect(ctl.signal)), 'string');
  });
});
