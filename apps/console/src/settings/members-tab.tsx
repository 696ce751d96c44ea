import { Badge, Button, Group, Menu, Modal, PasswordInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ASSIGNABLE_ROLES, useCan } from '../auth/permissions';
import { useProfile, useWorkspace } from '../auth/session';
import { ApiErrorAlert, PageLoader, notifyError, notifySuccess } from '../components/feedback';
import { CopyLink } from './copy-link';
import { InviteModal } from './invite-modal';
import { MEMBERS, Member, absoluteLink, useMembers } from './members-api';

type Pending = { kind: 'remove' | 'transfer'; member: Member } | { kind: 'reset-link'; member: Member; url: string } | null;

/**
 * Settings → Members: everyone sees who is in the workspace; owners and admins invite, change roles
 * and remove (never the owner, never themselves); the owner can hand the workspace over.
 */
export default function MembersTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const me = useProfile().data?.id;
  const workspace = useWorkspace().data;
  const members = useMembers();
  const [inviteOpen, invite] = useDisclosure(false);
  const [pending, setPending] = useState<Pending>(null);
  const changed = () => qc.invalidateQueries({ queryKey: ['members'] });
  const setRole = useMutation({
    mutationFn: ({ id, role }: { id: string; role: string }) => api(`${MEMBERS}/${id}/update-role`, { method: 'PUT', body: { role } }),
    onSuccess: async () => {
      await changed();
      notifySuccess(t('teams.members.roleChanged'));
    },
    onError: notifyError,
  });
  const resetLink = useMutation({
    mutationFn: (m: Member) => api<{ mail_sent: boolean; url?: string }>(`${MEMBERS}/${m.id}/reset-password`, { method: 'POST' }),
    onSuccess: (r, m) => (r.url ? setPending({ kind: 'reset-link', member: m, url: absoluteLink(r.url) }) : notifySuccess(t('teams.members.resetMailed'))),
    onError: notifyError,
  });
  const manageable = (m: Member) => can.manageMembers && m.id !== me && m.role !== 'owner';
  if (members.isLoading) return <PageLoader />;
  if (members.error) return <ApiErrorAlert error={members.error} />;
  const rows = members.data?.accounts ?? [];
  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={2} size="h4">
            {t('teams.members.title', { workspace: workspace?.name ?? '' })}
          </Title>
          <Text size="sm" c="dimmed" data-testid="member-count">
            {t('teams.members.count', { count: rows.length })}
          </Text>
        </Stack>
        {can.manageMembers && (
          <Button onClick={invite.open} data-testid="invite-members">
            {t('teams.invite.open')}
          </Button>
        )}
      </Group>
      <Table striped withTableBorder verticalSpacing="xs" data-testid="members-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.name')}</Table.Th>
            <Table.Th>{t('auth.email')}</Table.Th>
            <Table.Th>{t('teams.members.role')}</Table.Th>
            <Table.Th>{t('teams.members.status')}</Table.Th>
            {can.manageMembers && (
              <Table.Th>
                <span className="sr-only">{t('common.actions')}</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.id} data-testid="member-row" data-email={m.email}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm">{m.name}</Text>
                  {m.id === me && (
                    <Badge size="xs" variant="outline">
                      {t('teams.members.you')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{m.email}</Text>
              </Table.Td>
              <Table.Td>
                {manageable(m) ? (
                  <Select
                    size="xs"
                    w={170}
                    aria-label={t('teams.members.roleOf', { name: m.name })}
                    value={m.role}
                    allowDeselect={false}
                    data={ASSIGNABLE_ROLES.map((r) => ({ value: r, label: t(`teams.roles.${r}`) }))}
                    onChange={(v) => v && v !== m.role && setRole.mutate({ id: m.id, role: v })}
                    data-testid="member-role"
                  />
                ) : (
                  <Badge variant="light" color={m.role === 'owner' ? 'grape' : 'blue'} data-testid="member-role-badge">
                    {t(`teams.roles.${m.role}`)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="dot" color={m.status === 'active' ? 'teal' : 'orange'}>
                  {t(`teams.status.${m.status === 'active' ? 'active' : 'pending'}`)}
                </Badge>
              </Table.Td>
              {can.manageMembers && (
                <Table.Td>
                  {manageable(m) && (
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <Button size="compact-xs" variant="subtle" aria-label={t('teams.members.actionsFor', { name: m.name })} data-testid="member-actions">
                          ⋯
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        {m.status === 'active' && <Menu.Item onClick={() => resetLink.mutate(m)}>{t('teams.members.resetPassword')}</Menu.Item>}
                        {can.transferOwner && m.status === 'active' && (
                          <Menu.Item onClick={() => setPending({ kind: 'transfer', member: m })}>{t('teams.members.transfer')}</Menu.Item>
                        )}
                        <Menu.Item color="red" onClick={() => setPending({ kind: 'remove', member: m })} data-testid="remove-member">
                          {m.status === 'active' ? t('teams.members.remove') : t('teams.members.cancelInvite')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {can.manageMembers && <InviteModal opened={inviteOpen} onClose={invite.close} />}
      <PendingDialog pending={pending} workspace={workspace?.name ?? ''} onClose={() => setPending(null)} />
    </Stack>
  );
}

/** The confirmations: removing someone, handing the workspace over (password), a reset link to pass on. */
function PendingDialog({ pending, workspace, onClose }: { pending: Pending; workspace: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [password, setPassword] = useState('');
  const act = useMutation({
    mutationFn: () =>
      pending!.kind === 'remove'
        ? api(`${MEMBERS}/${pending!.member.id}`, { method: 'DELETE' })
        : api(`${MEMBERS}/${pending!.member.id}/owner-transfer`, { body: { password } }),
    onSuccess: async () => {
      const kind = pending!.kind;
      close();
      await qc.invalidateQueries({ queryKey: ['members'] });
      // after a transfer the caller is an admin: the pages follow the new role
      if (kind === 'transfer') await qc.invalidateQueries({ queryKey: ['workspace'] });
      notifySuccess(kind === 'remove' ? t('teams.members.removed') : t('teams.members.transferred'));
    },
  });
  const close = () => {
    setPassword('');
    act.reset();
    onClose();
  };
  const name = pending?.member.name ?? '';
  const title = !pending
    ? ''
    : pending.kind === 'remove'
      ? t('teams.members.removeTitle')
      : pending.kind === 'transfer'
        ? t('teams.members.transfer')
        : t('teams.members.resetPassword');
  return (
    <Modal opened={pending !== null} onClose={close} title={title}>
      {pending?.kind === 'reset-link' ? (
        <Stack>
          <Text size="sm">{t('teams.members.resetLinkHelp', { name })}</Text>
          <CopyLink value={pending.url} label={t('teams.members.resetLinkFor', { name })} />
          <Button onClick={close} w="fit-content">
            {t('common.done')}
          </Button>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            act.mutate();
          }}
        >
          <Stack>
            <Text size="sm">
              {pending?.kind === 'transfer' ? t('teams.members.transferBody', { name, workspace }) : t('teams.members.removeBody', { name, workspace })}
            </Text>
            {pending?.kind === 'transfer' && (
              <PasswordInput
                label={t('settings.currentPassword')}
                visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
            )}
            {act.error && <ApiErrorAlert error={act.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                color="red"
                loading={act.isPending}
                disabled={pending?.kind === 'transfer' && !password}
                data-testid="confirm-member-action"
              >
                {pending?.kind === 'transfer' ? t('teams.members.transferConfirm') : t('teams.members.removeConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
