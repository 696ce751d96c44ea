import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';

export interface Profile {
  id?: string;
  name?: string;
  email?: string;
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

/** Only same-site paths: a crafted `?redirect=` must not send a user elsewhere after sign-in. */
export function safeRedirect(target: string | null | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/apps';
  if (target.startsWith('/signin') || target.startsWith('/install')) return '/apps';
  return target;
}

export async function signOut(): Promise<void> {
  await api('/console/api/logout', { method: 'POST' }).catch(() => undefined);
}
