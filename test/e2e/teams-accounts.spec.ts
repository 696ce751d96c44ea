/**
 * Accounts and sessions: invitations without SMTP, registration off, login lockout and recovery,
 * sessions that end everywhere (logout, password change, reset, removal), CSRF for cookie sessions,
 * workspaces and switching, role changes and owner transfer, dataset permissions and audit fields.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { http } from '../support/http-client';
import { OWNER, addMember, login, setupOwner } from '../support/teams';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const WINDOW_SECONDS = 3;
const cookiesOf = (h: Headers) =>
  Object.fromEntries(
    h
      .getSetCookie()
      .map((c) => c.split(';')[0].split('='))
      .map(([k, ...v]) => [k, v.join('=')]),
  );

describe('teams: accounts, sessions and permissions', () => {
  let t: TestPlatform;
  let owner: string;
  const api = (method: string, path: string, token?: string, body?: unknown) => http(t.base, method, `/console/api${path}`, { token, body });

  before(async () => {
    t = await startTestPlatform({ LOGIN_LOCKOUT_WINDOW_SECONDS: String(WINDOW_SECONDS), ALLOW_CREATE_WORKSPACE: 'true' });
    owner = await setupOwner(t.base);
  });
  after(async () => t?.stop());

  it('invites by a link returned to the admin (no SMTP): check, activate once, sign in; the link cannot be replayed', async () => {
    const inv = await api('POST', '/workspaces/current/members/invite-email', owner, { emails: ['New.Person@example.com'], role: 'editor' });
    assert.equal(inv.status, 201, inv.text);
    const [res] = inv.body.invitation_results;
    assert.deepEqual([res.status, res.email, res.mail_sent], ['success', 'new.person@example.com', false]);
    const url = new URL(res.url, 'http://console');
    assert.equal(url.pathname, '/activate');
    const token = url.searchParams.get('token')!;
    assert.ok(token.length >= 40, 'an unguessable token');
    const members = (await api('GET', '/workspaces/current/members', owner)).body.accounts;
    assert.deepEqual(
      members.map((m: any) => [m.email, m.role, m.status]),
      [
        [OWNER.email, 'owner', 'active'],
        ['new.person@example.com', 'editor', 'pending'],
      ],
    );
    assert.equal(
      (await api('POST', '/login', undefined, { email: 'new.person@example.com', password: 'whatever-pw' })).status,
      401,
      'pending accounts cannot sign in',
    );

    const check = await http(t.base, 'GET', `/console/api/activate/check?token=${token}&email=new.person@example.com`);
    assert.deepEqual(check.body, {
      is_valid: true,
      data: { workspace_name: `${OWNER.name}'s Workspace`, workspace_id: check.body.data.workspace_id, email: 'new.person@example.com' },
    });
    const short = await api('POST', '/activate', undefined, { token, name: 'New', password: 'short' });
    assert.deepEqual([short.status, short.body.code], [400, 'invalid_param']);
    const act = await api('POST', '/activate', undefined, {
      token,
      email: 'new.person@example.com',
      name: 'New Person',
      password: 'new-person-pw',
      timezone: 'Asia/Shanghai',
      interface_language: 'zh-Hans',
    });
    assert.deepEqual([act.status, act.body], [200, { result: 'success' }]);
    const replay = await api('POST', '/activate', undefined, { token, name: 'Mallory', password: 'mallory-password' });
    assert.deepEqual([replay.status, replay.body.code], [403, 'already_activate']);
    assert.deepEqual((await http(t.base, 'GET', `/console/api/activate/check?token=${token}`)).body, { is_valid: false });

    const me = await api('GET', '/account/profile', await login(t.base, 'new.person@example.com', 'new-person-pw'));
    assert.deepEqual([me.body.name, me.body.timezone, me.body.interface_language, me.body.is_password_set], ['New Person', 'Asia/Shanghai', 'zh-Hans', true]);
    const db = new Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    try {
      const rows = (await db.query(`SELECT token_hash, used_at FROM account_tokens WHERE purpose = 'invite'`)).rows;
      assert.ok(rows.length === 1 && rows[0].token_hash !== token && !rows[0].token_hash.includes(token) && rows[0].used_at, 'stored hashed, marked used');
      // An expired invitation is as good as none.
      const inv2 = await api('POST', '/workspaces/current/members/invite-email', owner, { emails: ['late@example.com'], role: 'normal' });
      const late = new URL(inv2.body.invitation_results[0].url, 'http://x').searchParams.get('token')!;
      await db.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
      assert.equal((await api('POST', '/activate', undefined, { token: late, name: 'Late', password: 'late-password' })).body.code, 'already_activate');
    } finally {
      await db.end();
    }
    // Cancelling a pending invitation removes the never-activated account.
    const late = (await api('GET', '/workspaces/current/members', owner)).body.accounts.find((m: any) => m.email === 'late@example.com');
    assert.equal((await api('DELETE', `/workspaces/current/members/${late.id}`, owner)).status, 204);
    assert.equal(
      (await api('GET', '/workspaces/current/members', owner)).body.accounts.some((m: any) => m.email === 'late@example.com'),
      false,
    );
  });

  it('refuses registration unless ALLOW_REGISTER is on', async () => {
    const r = await api('POST', '/register', undefined, { email: 'walk-in@example.com', name: 'Walk In', password: 'walk-in-password' });
    assert.deepEqual([r.status, r.body.code], [403, 'forbidden']);
    assert.equal((await api('POST', '/login', undefined, { email: 'walk-in@example.com', password: 'walk-in-password' })).status, 401);
  });

  it('logout ends the whole session on every replica: the old refresh token gets 401', async () => {
    const l = await api('POST', '/login', undefined, { email: OWNER.email, password: OWNER.password });
    const { access_token, refresh_token } = l.body.data;
    assert.equal((await api('POST', '/logout', access_token)).status, 200);
    assert.equal((await api('GET', '/apps', access_token)).status, 401);
    const refreshed = await api('POST', '/refresh-token', undefined, { refresh_token });
    assert.equal(refreshed.status, 401, refreshed.text);
  });

  it('a password change ends the account’s other sessions; a reset by an admin (link returned, no SMTP) ends all', async () => {
    const m = await addMember(t.base, owner, 'changer@example.com', 'editor', 'changer-password');
    const other = await login(t.base, m.email, m.password);
    const mismatch = await api('POST', '/account/password', m.token, {
      password: m.password,
      new_password: 'changed-password',
      repeat_new_password: 'different-one',
    });
    assert.equal(mismatch.body.code, 'password_mismatch');
    const wrong = await api('POST', '/account/password', m.token, {
      password: 'not-my-password',
      new_password: 'changed-password',
      repeat_new_password: 'changed-password',
    });
    assert.equal(wrong.body.code, 'current_password_incorrect');
    const ok = await api('POST', '/account/password', m.token, {
      password: m.password,
      new_password: 'changed-password',
      repeat_new_password: 'changed-password',
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await api('GET', '/apps', m.token)).status, 200, 'this session goes on');
    assert.equal((await api('GET', '/apps', other)).status, 401, 'the other session ended');
    assert.equal((await api('POST', '/login', undefined, { email: m.email, password: m.password })).status, 401);

    const reset = await api('POST', `/workspaces/current/members/${m.id}/reset-password`, owner);
    assert.equal(reset.status, 200, reset.text);
    assert.equal(reset.body.mail_sent, false);
    assert.match(reset.body.url, /\/forgot-password\?token=/);
    assert.deepEqual((await api('POST', '/forgot-password/validity', undefined, { token: reset.body.token })).body, { is_valid: true, email: m.email });
    const done = await api('POST', '/forgot-password/resets', undefined, {
      token: reset.body.token,
      new_password: 'after-reset-pw',
      password_confirm: 'after-reset-pw',
    });
    assert.equal(done.status, 200, done.text);
    assert.equal((await api('GET', '/apps', m.token)).status, 401, 'every session ended');
    const again = await api('POST', '/forgot-password/resets', undefined, {
      token: reset.body.token,
      new_password: 'third-password',
      password_confirm: 'third-password',
    });
    assert.deepEqual([again.status, again.body.code], [400, 'invalid_or_expired_token']);
    await login(t.base, m.email, 'after-reset-pw');
    assert.deepEqual(
      (await api('POST', '/forgot-password', undefined, { email: 'no-such@example.com' })).body,
      { result: 'success' },
      'does not tell whether the email exists',
    );
    const admin = await addMember(t.base, owner, 'an-admin@example.com', 'admin');
    assert.equal(
      (await api('POST', `/workspaces/current/members/${(await api('GET', '/account/profile', owner)).body.id}/reset-password`, admin.token)).status,
      403,
      "an admin cannot reset the owner's password",
    );
  });

  it('removing a member ends their sessions at once; a role change takes effect on the next request', async () => {
    const m = await addMember(t.base, owner, 'leaver@example.com', 'editor');
    const refresh = (await api('POST', '/login', undefined, { email: m.email, password: m.password })).body.data.refresh_token;
    assert.equal((await api('POST', '/apps', m.token, { name: 'Mine', mode: 'chat' })).status, 201);
    assert.equal((await api('PUT', `/workspaces/current/members/${m.id}/update-role`, owner, { role: 'normal' })).status, 200);
    const denied = await api('POST', '/apps', m.token, { name: 'Not any more', mode: 'chat' });
    assert.deepEqual([denied.status, denied.body.code], [403, 'forbidden']);
    assert.equal((await api('GET', '/apps', m.token)).status, 200, 'normal members still see apps');
    assert.equal((await api('DELETE', `/workspaces/current/members/${m.id}`, owner)).status, 204);
    assert.equal((await api('GET', '/apps', m.token)).status, 401);
    assert.equal((await api('POST', '/refresh-token', undefined, { refresh_token: refresh })).status, 401);
    assert.equal((await api('POST', '/login', undefined, { email: m.email, password: m.password })).status, 403, 'in no workspace any more');
    const self = await api('DELETE', `/workspaces/current/members/${(await api('GET', '/account/profile', owner)).body.id}`, owner);
    assert.equal(self.body.code, 'cannot-operate-self');
  });

  it('protects cookie sessions from cross-site writes (X-CSRF-Token), not bearer ones', async () => {
    const l = await api('POST', '/login', undefined, { email: OWNER.email, password: OWNER.password });
    const setCookies = l.headers.getSetCookie();
    const c = cookiesOf(l.headers);
    for (const name of ['access_token', 'refresh_token', 'session']) {
      assert.match(
        setCookies.find((x) => x.startsWith(`${name}=`))!,
        /HttpOnly/i,
      );
      assert.match(
        setCookies.find((x) => x.startsWith(`${name}=`))!,
        /SameSite=Lax/i,
      );
    }
    assert.doesNotMatch(
      setCookies.find((x) => x.startsWith('csrf_token='))!,
      /HttpOnly/i,
      'the console script reads it',
    );
    assert.equal(c.csrf_token, l.body.data.csrf_token);
    const cookie = `access_token=${c.access_token}; csrf_token=${c.csrf_token}`;
    assert.equal((await http(t.base, 'GET', '/console/api/apps', { headers: { cookie } })).status, 200, 'reads need no token');
    const forged = await http(t.base, 'POST', '/console/api/apps', { headers: { cookie }, body: { name: 'csrf', mode: 'chat' } });
    assert.equal(forged.status, 401, forged.text);
    const wrong = await http(t.base, 'POST', '/console/api/apps', { headers: { cookie, 'x-csrf-token': 'forged' }, body: { name: 'csrf', mode: 'chat' } });
    assert.equal(wrong.status, 401);
    const good = await http(t.base, 'POST', '/console/api/apps', { headers: { cookie, 'x-csrf-token': c.csrf_token }, body: { name: 'csrf', mode: 'chat' } });
    assert.equal(good.status, 201, good.text);
    assert.equal((await api('POST', '/apps', l.body.data.access_token, { name: 'bearer', mode: 'chat' })).status, 201);
    const viaCookie = await http(t.base, 'POST', '/console/api/refresh-token', { headers: { cookie: `refresh_token=${c.refresh_token}` }, body: {} });
    assert.equal(viaCookie.status, 401, 'a cookie refresh needs the header too');
  });

  it('belongs to several workspaces: lists them, switches (new tokens bound to it, the old session ends), creates and renames', async () => {
    const m = await addMember(t.base, owner, 'roamer@example.com', 'normal');
    const created = await api('POST', '/workspaces', m.token, { name: 'Roamer Lab' });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.role, 'owner');
    const list = (await api('GET', '/workspaces', m.token)).body.workspaces;
    assert.deepEqual(list.map((w: any) => [w.name, w.current]).sort(), [
      [`${OWNER.name}'s Workspace`, true],
      ['Roamer Lab', false],
    ]);
    const sw = await api('POST', '/workspaces/switch', m.token, { tenant_id: created.body.id });
    assert.equal(sw.status, 200, sw.text);
    assert.equal(sw.body.new_tenant.id, created.body.id);
    const fresh = sw.body.data.access_token;
    assert.equal((await api('GET', '/apps', m.token)).status, 401, 'the old token is retired');
    const cur = await api('GET', '/workspaces/current', fresh);
    assert.deepEqual([cur.body.id, cur.body.role], [created.body.id, 'owner']);
    assert.equal((await api('POST', '/workspaces/info', fresh, { name: 'Renamed Lab' })).body.tenant.name, 'Renamed Lab');
    assert.equal((await api('GET', '/apps', fresh)).body.total, 0, "the first workspace's apps stay there");
    assert.equal((await api('POST', '/workspaces/switch', fresh, { tenant_id: '00000000-0000-4000-8000-000000000000' })).status, 404);
    // The next login lands in the workspace used last.
    const again = await login(t.base, m.email, m.password);
    assert.equal((await api('GET', '/workspaces/current', again)).body.id, created.body.id);
  });

  it('hands the workspace over: the new owner confirms nothing, the old owner confirms with a password and becomes admin', async () => {
    const db = new Client({ connectionString: t.config.databaseUrl });
    const m = await addMember(t.base, owner, 'heir@example.com', 'admin');
    const ownerId = (await api('GET', '/account/profile', owner)).body.id;
    assert.equal(
      (await api('PUT', `/workspaces/current/members/${ownerId}/update-role`, m.token, { role: 'normal' })).status,
      403,
      'an admin cannot change the owner',
    );
    assert.equal((await api('PUT', `/workspaces/current/members/${m.id}/update-role`, m.token, { role: 'owner' })).status, 400, 'nor itself');
    assert.equal((await api('POST', `/workspaces/current/members/${m.id}/owner-transfer`, m.token, { password: m.password })).status, 403);
    const wrong = await api('POST', `/workspaces/current/members/${m.id}/owner-transfer`, owner, { password: 'not-it' });
    assert.equal(wrong.body.code, 'current_password_incorrect');
    assert.equal((await api('POST', `/workspaces/current/members/${m.id}/owner-transfer`, owner, { password: OWNER.password })).status, 200);
    const roles = Object.fromEntries((await api('GET', '/workspaces/current/members', owner)).body.accounts.map((x: any) => [x.email, x.role]));
    assert.deepEqual([roles[OWNER.email], roles['heir@example.com']], ['admin', 'owner']);
    assert.equal(
      (await api('PUT', `/workspaces/current/members/${ownerId}/update-role`, m.token, { role: 'owner' })).status,
      200,
      'and back, by update-role as Dify does',
    );
    await db.connect();
    try {
      const n = (
        await db.query(
          `SELECT count(*)::int AS n FROM tenant_account_joins WHERE role = 'owner' AND tenant_id = (SELECT tenant_id FROM tenant_account_joins WHERE account_id = $1 LIMIT 1)`,
          [ownerId],
        )
      ).rows[0].n;
      assert.equal(n, 1, 'one owner per workspace');
    } finally {
      await db.end();
    }
  });

  it('holds members to dataset permissions (only_me, partial_members) in lists, reads, hit-testing and what they can attach; writes carry the acting account', async () => {
    const editor = await addMember(t.base, owner, 'kb-editor@example.com', 'editor');
    const reader = await addMember(t.base, owner, 'kb-reader@example.com', 'normal');
    const operator = await addMember(t.base, owner, 'kb-operator@example.com', 'dataset_operator');
    const mine = await api('POST', '/datasets', editor.token, { name: 'Private', indexing_technique: 'economy' });
    assert.equal(mine.body.permission, 'only_me');
    assert.equal(mine.body.created_by, editor.id);
    const shared = await api('POST', '/datasets', editor.token, {
      name: 'Shared',
      indexing_technique: 'economy',
      permission: 'partial_members',
      partial_member_list: [{ user_id: reader.id }],
    });
    assert.equal(shared.status, 201, shared.text);
    const names = async (token: string) => (await api('GET', '/datasets?limit=100', token)).body.data.map((d: any) => d.name).sort();
    assert.deepEqual(await names(editor.token), ['Private', 'Shared']);
    assert.deepEqual(await names(reader.token), ['Shared']);
    assert.deepEqual(await names(operator.token), []);
    assert.ok((await names(owner)).includes('Private'), 'the owner sees every dataset');
    assert.equal((await api('GET', `/datasets/${mine.body.id}`, reader.token)).status, 403);
    assert.equal((await api('POST', `/datasets/${mine.body.id}/hit-testing`, reader.token, { query: 'anything' })).status, 403);
    assert.deepEqual((await api('GET', `/datasets/${shared.body.id}/permission-part-users`, reader.token)).body.data.sort(), [editor.id, reader.id].sort());
    assert.equal((await api('PATCH', `/datasets/${shared.body.id}`, operator.token, { name: 'x' })).status, 403, 'not shared with the operator');
    assert.equal((await api('PATCH', `/datasets/${mine.body.id}`, owner, { permission: 'partial_members', partial_member_list: [operator.id] })).status, 200);
    const opEdit = await api('PATCH', `/datasets/${mine.body.id}`, operator.token, { permission: 'all_team_members' });
    assert.deepEqual([opEdit.status, opEdit.body.code], [403, 'forbidden'], 'operators cannot widen who sees it');
    const renamed = await api('PATCH', `/datasets/${mine.body.id}`, operator.token, { description: 'curated' });
    assert.equal(renamed.body.updated_by, operator.id);
    const stranger = await api('PATCH', `/datasets/${shared.body.id}`, editor.token, { partial_member_list: ['00000000-0000-4000-8000-000000000000'] });
    assert.equal(stranger.body.code, 'invalid_param');

    // Attaching: an admin may not attach the editor's dataset shared only with others; the editor may.
    const admin = await addMember(t.base, owner, 'kb-admin@example.com', 'admin');
    const app = (await api('POST', '/apps', admin.token, { name: 'Grounded', mode: 'chat' })).body;
    assert.equal(app.created_by, admin.id);
    const config = (id: string) => ({
      model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat' },
      dataset_configs: { retrieval_model: 'multiple', datasets: { datasets: [{ dataset: { enabled: true, id } }] } },
    });
    const refused = await api('POST', `/apps/${app.id}/model-config`, admin.token, config(shared.body.id));
    assert.deepEqual([refused.status, refused.body.code], [403, 'forbidden']);
    assert.equal((await api('POST', `/apps/${app.id}/model-config`, editor.token, config(shared.body.id))).status, 200);
    assert.equal(
      (await api('POST', `/apps/${app.id}/model-config`, admin.token, { ...config(shared.body.id), pre_prompt: 'Be brief.' })).status,
      200,
      'already attached stays attachable',
    );
    assert.equal((await api('GET', `/apps/${app.id}`, owner)).body.updated_by, admin.id);

    // A dataset key acts as the workspace owner.
    const key = (await api('POST', '/datasets/api-keys', owner)).body.token;
    const ownerId = (await api('GET', '/account/profile', owner)).body.id;
    const viaKey = await http(t.base, 'POST', '/v1/datasets', { token: key, body: { name: 'Via key', indexing_technique: 'economy' } });
    assert.equal(viaKey.body.created_by, ownerId);
    const doc = await http(t.base, 'POST', `/v1/datasets/${viaKey.body.id}/document/create-by-text`, {
      token: key,
      body: { name: 'n.txt', text: 'hello there', indexing_technique: 'economy', process_rule: { mode: 'automatic' } },
    });
    assert.equal(doc.body.document.created_by, ownerId);
  });

  it('locks an email out after 5 failed logins within the window (429 + Retry-After), for the right password too, then lets it in', async () => {
    const m = await addMember(t.base, owner, 'locked@example.com', 'normal', 'locked-password');
    assert.ok(m.token);
    // At once, so a loaded machine's slow password hashing cannot stretch them past the window.
    const bad = await Promise.all([0, 1, 2, 3, 4].map((i) => api('POST', '/login', undefined, { email: 'locked@example.com', password: `wrong-${i}` })));
    assert.deepEqual(
      bad.map((r) => r.status),
      [401, 401, 401, 401, 401],
    );
    const locked = await api('POST', '/login', undefined, { email: 'LOCKED@example.com', password: 'locked-password' });
    assert.deepEqual([locked.status, locked.body.code], [429, 'too_many_requests']);
    const retryAfter = Number(locked.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= WINDOW_SECONDS, `Retry-After ${retryAfter}`);
    assert.equal((await api('POST', '/login', undefined, { email: OWNER.email, password: OWNER.password })).status, 200, 'other emails are not affected');
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 300));
    assert.equal((await api('POST', '/login', undefined, { email: 'locked@example.com', password: 'locked-password' })).status, 200, 'the window has passed');
    // Activation and reset guesses are limited the same way.
    const guess = (token: string) => ({ token, email: 'guesser@example.com', new_password: 'guessed-password', password_confirm: 'guessed-password' });
    for (let i = 0; i < 5; i++) assert.equal((await api('POST', '/forgot-password/resets', undefined, guess(`guess-${i}`))).status, 400);
    const resetLocked = await api('POST', '/forgot-password/resets', undefined, guess('guess-6'));
    assert.equal(resetLocked.status, 429);
    for (let i = 0; i < 5; i++)
      await api('POST', '/activate', undefined, { token: `guess-${i}`, email: 'nobody@example.com', name: 'x', password: 'guessed-password' });
    assert.equal(
      (await api('POST', '/activate', undefined, { token: 'guess-6', email: 'nobody@example.com', name: 'x', password: 'guessed-password' })).status,
      429,
    );
    const otherEmail = await api('POST', '/activate', undefined, {
      token: 'guess-7',
      email: 'somebody-else@example.com',
      name: 'x',
      password: 'guessed-password',
    });
    assert.equal(otherEmail.status, 429, 'another email in the body buys no more guesses from the same address');
  });
});
