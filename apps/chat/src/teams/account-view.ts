import { Account } from '@sluice/database';
import type { MemberRow, WorkspaceRow } from '@sluice/database';

const unix = (d: Date | null | undefined) => (d ? Math.floor(new Date(d).getTime() / 1000) : null);

/** Dify's account fields (GET /account/profile). */
export function accountView(a: Account) {
  return {
    id: a.id,
    name: a.name,
    avatar: a.avatar,
    avatar_url: a.avatar,
    email: a.email,
    is_password_set: !!a.passwordHash,
    interface_language: a.interfaceLanguage,
    interface_theme: 'light',
    timezone: a.timezone,
    last_login_at: unix(a.lastLoginAt),
    last_login_ip: null,
    created_at: unix(a.createdAt),
  };
}

/** Dify's account_with_role fields (GET /workspaces/current/members). */
export function memberView(m: MemberRow) {
  return {
    id: m.id,
    name: m.name,
    avatar: m.avatar,
    avatar_url: m.avatar,
    email: m.email,
    last_login_at: unix(m.lastLoginAt),
    last_active_at: unix(m.lastLoginAt),
    created_at: unix(m.createdAt),
    role: m.role,
    status: m.status,
  };
}

/** Dify's tenant fields; Sluice has no plans, so every workspace is `basic` and `normal`. */
export function workspaceView(w: { id: string; name: string; createdAt: Date }, extra: { role?: string; current?: boolean } = {}) {
  return { id: w.id, name: w.name, plan: 'basic', status: 'normal', created_at: unix(w.createdAt), ...extra };
}

export function workspaceListView(rows: WorkspaceRow[], currentTenantId: string) {
  return { workspaces: rows.map((w) => workspaceView(w, { current: w.id === currentTenantId })) };
}
