import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ChatAppFixture, createAdminAndApp, http } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const MODEL = { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} };

describe('audio: /v1/audio-to-text and /v1/text-to-audio', () => {
  let t: TestPlatform;
  let app: ChatAppFixture;
  let plain: ChatAppFixture;

  before(async () => {
    t = await startTestPlatform({ UPLOAD_FILE_SIZE_LIMIT_MB: '1' });
    app = await createAdminAndApp(t.base, { model: MODEL, speech_to_text: { enabled: true }, text_to_speech: { enabled: true, voice: 'nova' } });
    plain = await createAdminAndApp(t.base, { model: MODEL });
  });
  after(async () => t?.stop());

  const upload = (key: string, name: string | null, bytes = Buffer.from('fake mp3 frames')) => {
    const form = new FormData();
    if (name) form.append('file', new Blob([bytes], { type: 'audio/mpeg' }), name);
    form.append('user', 'listener');
    return http(t.base, 'POST', '/v1/audio-to-text', { token: key, raw: form });
  };

  it('transcribes an uploaded recording with the speech model, and keeps no copy of it', async () => {
    const r = await upload(app.key, 'hello.mp3');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { text: 'Transcript of hello.mp3 (15 bytes) by whisper-1' });
    const dir = join(t.config.dataDir, 'storage', 'audio');
    const left = existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => String(f).includes('.')) : [];
    assert.deepEqual(left, [], 'the stored audio is removed after transcription');
  });

  it('refuses a missing file, a non-audio file and an app without speech to text', async () => {
    const none = await upload(app.key, null);
    assert.deepEqual([none.status, none.body.code], [400, 'no_audio_uploaded']);
    const text = await upload(app.key, 'notes.txt');
    assert.deepEqual([text.status, text.body.code], [415, 'unsupported_audio_type']);
    const off = await upload(plain.key, 'hello.mp3');
    assert.equal(off.body.code, 'app_unavailable');
    // Bigger than the general upload limit (1 MB in this suite), within Dify's 30 MB for audio.
    const long = await upload(app.key, 'long.wav', Buffer.alloc(2 * 1024 * 1024));
    assert.equal(long.status, 200, long.text);
    assert.match(long.body.text, /\(2097152 bytes\)/);
  });

  it('speaks a text or an answer as MP3 in the app voice, or the voice asked for', async () => {
    const spoken = await fetch(`${t.base}/v1/text-to-audio`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Hello there', user: 'listener' }),
    });
    assert.equal(spoken.status, 200);
    assert.match(spoken.headers.get('content-type') ?? '', /^audio\/mpeg/);
    assert.equal(Buffer.from(await spoken.arrayBuffer()).toString('utf8'), 'ID3nova:Hello there');

    const reply = await http(t.base, 'POST', '/v1/chat-messages', {
      token: app.key,
      body: { inputs: {}, query: 'say something', user: 'listener', response_mode: 'blocking', auto_generate_name: false },
    });
    const answer = await fetch(`${t.base}/v1/text-to-audio`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message_id: reply.body.message_id, text: 'ignored', voice: 'echo', user: 'listener' }),
    });
    assert.equal(Buffer.from(await answer.arrayBuffer()).toString('utf8'), `ID3echo:${reply.body.answer}`, 'message_id wins over text');

    const empty = await http(t.base, 'POST', '/v1/text-to-audio', { token: app.key, body: { user: 'listener' } });
    assert.deepEqual([empty.status, empty.body.code], [400, 'invalid_param']);
    const off = await http(t.base, 'POST', '/v1/text-to-audio', { token: plain.key, body: { text: 'x', user: 'listener' } });
    assert.equal(off.body.code, 'app_unavailable');
  });

  it('serves the same to a web app visitor (passport + X-App-Code)', async () => {
    const detail = await http(t.base, 'GET', `/console/api/apps/${app.appId}`, { token: app.token });
    const code = detail.body.site.code as string;
    const passport = (await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': code } })).body.access_token as string;
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('web audio')], { type: 'audio/wav' }), 'web.wav');
    const heard = await http(t.base, 'POST', '/api/audio-to-text', { token: passport, raw: form, headers: { 'x-app-code': code } });
    assert.equal(heard.status, 200, heard.text);
    assert.equal(heard.body.text, 'Transcript of web.wav (9 bytes) by whisper-1');
    const nothing = await http(t.base, 'POST', '/api/audio-to-text', { token: passport, raw: new FormData(), headers: { 'x-app-code': code } });
    assert.deepEqual([nothing.status, nothing.body.code], [400, 'no_audio_uploaded']);
    const spoken = await fetch(`${t.base}/api/text-to-audio`, {
      method: 'POST',
      headers: { authorization: `Bearer ${passport}`, 'x-app-code': code, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Hi' }),
    });
    assert.equal(Buffer.from(await spoken.arrayBuffer()).toString('utf8'), 'ID3nova:Hi');
  });
});
