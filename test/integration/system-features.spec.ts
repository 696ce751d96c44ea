/**
 * The edition flags the console's sign-in page reads (`GET /console/api/system-features`) follow the
 * deployment's settings, and agree with what the server then does: a page that offers "Register"
 * or "Create workspace" must be backed by routes that accept them, and hide them otherwise.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { http } from '../support/http-client';
import { OWNER, setupOwner } from '../support/teams';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const ON = {
  ALLOW_REGISTER: 'true',
  ALLOW_CREATE_WORKSPACE: 'true',
  MAIL_TYPE: 'smtp',
  // nothing is mailed in this test: the settings only have to be complete
  SMTP_SERVER: '127.0.0.1',
  SMTP_PORT: '9',
  MAIL_DEFAULT_SEND_FROM: 'sluice@example.com',
  CONSOLE_WEB_URL: 'https://console.example.com',
};

describe('system features follow the configuration', () => {
  let off: TestPlatform;
  let on: TestPlatform;

  before(async () => {
    [off, on] = await Promise.all([startTestPlatform(), startTestPlatform(ON)]);
    await Promise.all([setupOwner(off.base), setupOwner(on.base)]);
  });
  after(async () => {
    await Promise.all([off?.stop(), on?.stop()]);
  });

  const flags = async (t: TestPlatform) => {
    const r = await http(t.base, 'GET', '/console/api/system-features');
    assert.equal(r.status, 200, 'readable before sign-in');
    return [r.body.is_allow_register, r.body.is_allow_create_workspace, r.body.is_email_setup, r.body.enable_email_password_login];
  };

  it('defaults: no registration, no extra workspaces, no mail — and the routes refuse them', async () => {
    assert.deepEqual(await flags(off), [false, false, false, true]);
    const reg = await http(off.base, 'POST', '/console/api/register', {
      body: { email: 'walk-in@example.com', name: 'Walk In', password: 'walk-in-password-1' },
    });
    assert.deepEqual([reg.status, reg.body.code], [403, 'forbidden']);
    const owner = (await http(off.base, 'POST', '/console/api/login', { body: { email: OWNER.email, password: OWNER.password } })).body.data.access_token;
    const ws = await http(off.base, 'POST', '/console/api/workspaces', { token: owner, body: { name: 'Second' } });
    assert.deepEqual([ws.status, ws.body.code], [403, 'forbidden']);
    const features = await http(off.base, 'GET', '/console/api/features', { token: owner });
    assert.equal(features.body.dataset_operator_enabled, true, 'the dataset_operator role exists on every installation');
  });

  it('ALLOW_REGISTER, ALLOW_CREATE_WORKSPACE and MAIL_TYPE=smtp: the flags say so and the routes accept', async () => {
    assert.deepEqual(await flags(on), [true, true, true, true]);
    const reg = await http(on.base, 'POST', '/console/api/register', {
      body: { email: 'walk-in@example.com', name: 'Walk In', password: 'walk-in-password-1' },
    });
    assert.equal(reg.status, 200, reg.text);
    const token = reg.body.data.access_token;
    const ws = await http(on.base, 'POST', '/console/api/workspaces', { token, body: { name: 'Second' } });
    assert.equal(ws.status, 201, ws.text);
    const list = await http(on.base, 'GET', '/console/api/workspaces', { token });
    assert.deepEqual(list.body.workspaces.map((w: { name: string }) => w.name).sort(), ['Second', "Walk In's Workspace"]);
  });
});
