/** Team fixtures for e2e suites: an owner, members of each role (invited and activated), tokens. */
import assert from 'node:assert/strict';
import { http } from './http-client';

export const OWNER = { email: 'owner@example.com', name: 'Owner', password: 'owner-password-1' };
export const ROLES = ['owner', 'admin', 'editor', 'normal', 'dataset_operator'] as const;
export type Role = (typeof ROLES)[number];

export async function login(base: string, email: string, password: string): Promise<string> {
  const r = await http(base, 'POST', '/console/api/login', { body: { email, password } });
  assert.equal(r.status, 200, `login ${email}: ${r.text}`);
  return r.body.data.access_token;
}

export async function setupOwner(base: string): Promise<string> {
  const s = await http(base, 'POST', '/console/api/setup', { body: OWNER });
  assert.equal(s.status, 201, s.text);
  return login(base, OWNER.email, OWNER.password);
}

/** Invites `email` with `role` (the link comes back: no SMTP in tests) and activates it. */
export async function addMember(base: string, adminToken: string, email: string, role: Exclude<Role, 'owner'>, password = `${role}-password-1`) {
  const inv = await http(base, 'POST', '/console/api/workspaces/current/members/invite-email', { token: adminToken, body: { emails: [email], role } });
  assert.equal(inv.status, 201, inv.text);
  const [res] = inv.body.invitation_results;
  assert.equal(res.status, 'success', inv.text);
  const token = new URL(res.url, 'http://x').searchParams.get('token')!;
  const act = await http(base, 'POST', '/console/api/activate', { body: { token, email, name: `The ${role}`, password } });
  assert.equal(act.status, 200, act.text);
  const accessToken = await login(base, email, password);
  const me = await http(base, 'GET', '/console/api/account/profile', { token: accessToken });
  return { id: me.body.id as string, token: accessToken, email, password };
}

/** An owner and one member of every other role in one workspace. */
export async function team(base: string) {
  const ownerToken = await setupOwner(base);
  const tokens: Record<Role, string> = { owner: ownerToken } as Record<Role, string>;
  const ids: Record<Role, string> = {} as Record<Role, string>;
  ids.owner = (await http(base, 'GET', '/console/api/account/profile', { token: ownerToken })).body.id;
  for (const role of ROLES.slice(1) as Exclude<Role, 'owner'>[]) {
    const m = await addMember(base, ownerToken, `${role.replace('_', '-')}@example.com`, role);
    tokens[role] = m.token;
    ids[role] = m.id;
  }
  return { tokens, ids };
}
