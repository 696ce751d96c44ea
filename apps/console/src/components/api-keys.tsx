import { ActionIcon, Alert, Button, Code, CopyButton, Group, Modal, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiErrorAlert, PageLoader, notifyError } from './feedback';

interface KeyRow {
  id: string;
  token: string;
  created_at: number;
  last_used_at: number | null;
}

/** API keys of an app or of the workspace's datasets: created once and shown once, listed masked. */
export function ApiKeys({ path }: { path: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [created, setCreated] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<KeyRow | null>(null);
  const keys = useQuery({ queryKey: ['keys', path], queryFn: () => api<{ data: KeyRow[] }>(path) });
  const create = useMutation({
    mutationFn: () => api<{ token: string }>(path, { method: 'POST' }),
    onSuccess: (r) => {
      setCreated(r.token);
      void qc.invalidateQueries({ queryKey: ['keys', path] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`${path}/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      setConfirm(null);
      void qc.invalidateQueries({ queryKey: ['keys', path] });
    },
    onError: notifyError,
  });
  const date = (s: number | null) => (s ? new Date(s * 1000).toLocaleString() : t('common.never'));
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('keys.intro')}
        </Text>
        <Button onClick={() => create.mutate()} loading={create.isPending} data-testid="create-key">
          {t('keys.create')}
        </Button>
      </Group>
      {create.error && <ApiErrorAlert error={create.error} />}
      {keys.isLoading ? (
        <PageLoader />
      ) : keys.error ? (
        <ApiErrorAlert error={keys.error} />
      ) : keys.data?.data.length ? (
        <Table striped withTableBorder data-testid="keys-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('keys.key')}</Table.Th>
              <Table.Th>{t('keys.created')}</Table.Th>
              <Table.Th>{t('keys.lastUsed')}</Table.Th>
              <Table.Th>
                <span className="sr-only">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.data.data.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>
                  <Code>{k.token}</Code>
                </Table.Td>
                <Table.Td>{date(k.created_at)}</Table.Td>
                <Table.Td>{date(k.last_used_at)}</Table.Td>
                <Table.Td>
                  <Button size="xs" color="red" variant="subtle" onClick={() => setConfirm(k)} aria-label={t('keys.deleteNamed', { key: k.token })}>
                    {t('common.delete')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text c="dimmed" size="sm">
          {t('keys.none')}
        </Text>
      )}
      <Modal opened={!!created} onClose={() => setCreated(null)} title={t('keys.createdTitle')}>
        <Stack>
          <Alert color="yellow">{t('keys.shownOnce')}</Alert>
          <Group wrap="nowrap">
            <Code block flex={1} data-testid="new-key">
              {created}
            </Code>
            <CopyButton value={created ?? ''}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
                  <ActionIcon variant="light" onClick={copy} aria-label={t('common.copy')} size="lg">
                    {copied ? '✓' : '⧉'}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Button onClick={() => setCreated(null)}>{t('common.done')}</Button>
        </Stack>
      </Modal>
      <Modal opened={!!confirm} onClose={() => setConfirm(null)} title={t('keys.deleteTitle')}>
        <Stack>
          <Text size="sm">{t('keys.deleteConfirm', { key: confirm?.token })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => confirm && remove.mutate(confirm.id)}>
              {t('common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
