import { Button, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useCan } from '../auth/permissions';
import { useSystemFeatures, useWorkspace } from '../auth/session';
import { ApiErrorAlert, notifyError, notifySuccess } from '../components/feedback';

interface WorkspaceRow {
  id: string;
  name: string;
  current: boolean;
}

/** The header's workspace menu: the member's workspaces, switching, renaming (admins) and creating (when allowed). */
export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const current = useWorkspace();
  const can = useCan();
  const features = useSystemFeatures();
  const [dialog, setDialog] = useState<'rename' | 'create' | null>(null);
  const list = useQuery({ queryKey: ['workspaces'], queryFn: () => api<{ workspaces: WorkspaceRow[] }>('/console/api/workspaces') });
  const switchTo = useMutation({
    mutationFn: (id: string) => api('/console/api/workspaces/switch', { body: { tenant_id: id } }),
    // The new session belongs to another workspace: nothing cached from the old one may show.
    onSuccess: async () => {
      navigate('/', { replace: true });
      await qc.resetQueries();
    },
    onError: notifyError,
  });
  const name = current.data?.name ?? '';
  return (
    <>
      <Menu position="bottom-start" width={260} withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            size="xs"
            maw={220}
            loading={switchTo.isPending}
            aria-label={t('teams.workspace.menu', { name })}
            data-testid="workspace-switcher"
          >
            <Text size="xs" truncate>
              {name}
            </Text>
            <Text size="xs" ml={6} aria-hidden>
              ▾
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('teams.workspace.list')}</Menu.Label>
          {(list.data?.workspaces ?? []).map((w) => (
            <Menu.Item
              key={w.id}
              onClick={() => !w.current && switchTo.mutate(w.id)}
              rightSection={w.current ? '✓' : undefined}
              aria-current={w.current ? 'true' : undefined}
              data-testid="workspace-item"
            >
              {w.name}
            </Menu.Item>
          ))}
          {(can.manageMembers || features.data?.is_allow_create_workspace) && <Menu.Divider />}
          {can.manageMembers && <Menu.Item onClick={() => setDialog('rename')}>{t('teams.workspace.rename')}</Menu.Item>}
          {features.data?.is_allow_create_workspace && <Menu.Item onClick={() => setDialog('create')}>{t('teams.workspace.create')}</Menu.Item>}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog === 'create' ? t('teams.workspace.create') : t('teams.workspace.rename')}>
        {dialog && <NameForm mode={dialog} initial={dialog === 'rename' ? name : ''} onDone={() => setDialog(null)} onCreated={(id) => switchTo.mutate(id)} />}
      </Modal>
    </>
  );
}

function NameForm({ mode, initial, onDone, onCreated }: { mode: 'rename' | 'create'; initial: string; onDone: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [value, setValue] = useState(initial);
  const save = useMutation({
    mutationFn: () =>
      mode === 'rename'
        ? api('/console/api/workspaces/info', { body: { name: value } })
        : api<{ id: string }>('/console/api/workspaces', { body: { name: value } }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['workspaces'] });
      await qc.invalidateQueries({ queryKey: ['workspace'] });
      notifySuccess(mode === 'rename' ? t('teams.workspace.renamed') : t('teams.workspace.created'));
      onDone();
      if (mode === 'create') onCreated((r as { id: string }).id);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput label={t('teams.workspace.name')} required value={value} onChange={(e) => setValue(e.currentTarget.value)} data-autofocus />
        {save.error && <ApiErrorAlert error={save.error} />}
        <Button type="submit" loading={save.isPending} disabled={!value.trim()}>
          {mode === 'create' ? t('common.create') : t('common.save')}
        </Button>
      </Stack>
    </form>
  );
}
