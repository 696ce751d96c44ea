import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../api/client';

export interface Profile {
  id?: string;
  name?: string;
  email?: string;
  interface_language?: string;
  timezone?: string;
}

export type Role = 'owner' | 'admin' | 'editor' | 'normal' | 'dataset_operator';

/** `GET /workspaces/current`: the workspace the session is bound to and the caller's role in it. */
export interface Workspace {
  id: string;
  name: string;
  role: Role;
}

/** The deployment's switches (`GET /system-features`), read before sign-in. */
export interface SystemFeatures {
  is_allow_register: boolean;
  is_allow_create_workspace: boolean;
  is_email_setup: boolean;
}

export function useSetupStatus() {
  return useQuery({
    queryKey: ['setup'],
    queryFn: () => api<{ step: 'finished' | 'not_started' }>('/console/api/setup', { auth: 'none' }),
    staleTime: 60_000,
  });
}

/**
 * Who is signed in. Dify's `GET /account/profile`; where a server lacks it, any authenticated read
 * answers the only question the router asks (is there a session?).
 */
export async function fetchProfile(): Promise<Profile> {
  try {
    return await api<Profile>('/console/api/account/profile');
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    await api('/console/api/apps', { query: { page: 1, limit: 1 } });
    return {};
  }
}

export function useProfile() {
  return useQuery({ queryKey: ['profile'], queryFn: fetchProfile, staleTime: 60_000, retry: false });
}

/** Pages served without a session. */
export const PUBLIC_PAGES = ['/signin', '/install', '/activate', '/register', '/forgot-password', '/reset-password'];

export function useWorkspace() {
  return useQuery({ queryKey: ['workspace'], queryFn: () => api<Workspace>('/console/api/workspaces/current'), staleTime: 30_000, retry: false });
}

export function useSystemFeatures() {
  return useQuery({
    queryKey: ['system-features'],
    queryFn: () => api<SystemFeatures>('/console/api/system-features', { auth: 'none' }),
    staleTime: 5 * 60_000,
  });
}

/**
 * Only same-site paths: a crafted `?redirect=` must not send a user elsewhere after sign-in. The
 * default is `/`, which sends each role to the first area it may see.
 */
export function safeRedirect(target: string | null | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/';
  if (PUBLIC_PAGES.some((p) => target.startsWith(p))) return '/';
  return target;
}

export async function signOut(): Promise<void> {
  await api('/console/api/logout', { method: 'POST' }).catch(() => undefined);
}
