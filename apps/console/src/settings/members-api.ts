import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { Role } from '../auth/session';

export interface Member {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: 'active' | 'pending' | string;
  last_active_at: number | null;
}

export type InvitationResult = { status: 'success'; email: string; url?: string; mail_sent: boolean } | { status: 'failed'; email: string; message: string };

export const MEMBERS = '/console/api/workspaces/current/members';

export function useMembers() {
  return useQuery({ queryKey: ['members'], queryFn: () => api<{ accounts: Member[] }>(MEMBERS) });
}

/** Links come back relative when CONSOLE_WEB_URL is unset; the admin passes on an absolute one. */
export const absoluteLink = (url: string) => new URL(url, window.location.origin).toString();
