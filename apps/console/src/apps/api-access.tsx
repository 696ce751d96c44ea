import { ActionIcon, Anchor, Code, CopyButton, Group, Paper, Stack, Switch, Text, Title, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiKeys } from '../components/api-keys';
import { ApiErrorAlert } from '../components/feedback';
import { AppInfo } from './api';

function Copyable({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Code flex={1} aria-label={label}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
            <ActionIcon variant="subtle" onClick={copy} aria-label={`${t('common.copy')}: ${label}`}>
              {copied ? '✓' : '⧉'}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

export function webAppPath(app: Pick<AppInfo, 'mode' | 'site'>): string {
  const kind = app.mode === 'completion' ? 'completion' : app.mode === 'workflow' ? 'workflow' : 'chat';
  return `/${kind}/${app.site.code}`;
}

export default function ApiAccess({ app }: { app: AppInfo }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toggle = useMutation({
    mutationFn: (patch: { enable_site?: boolean; enable_api?: boolean }) => api(`/console/api/apps/${app.id}`, { method: 'PUT', body: patch }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['app', app.id] }),
  });
  const siteUrl = `${window.location.origin}${webAppPath(app)}`;
  return (
    <Stack maw={900}>
      {toggle.error && <ApiErrorAlert error={toggle.error} />}
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h4">
              {t('access.webApp')}
            </Title>
            <Switch
              label={t('access.enabled')}
              checked={app.enable_site}
              onChange={(e) => toggle.mutate({ enable_site: e.currentTarget.checked })}
              data-testid="site-switch"
            />
          </Group>
          <Copyable value={siteUrl} label={t('access.webAppUrl')} />
          {app.enable_site && (
            <Anchor href={webAppPath(app)} target="_blank" rel="noopener" size="sm" data-testid="open-web-app">
              {t('access.openWebApp')}
            </Anchor>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h4">
              {t('access.serviceApi')}
            </Title>
            <Switch
              label={t('access.enabled')}
              checked={app.enable_api}
              onChange={(e) => toggle.mutate({ enable_api: e.currentTarget.checked })}
              data-testid="api-switch"
            />
          </Group>
          <Text size="sm" c="dimmed">
            {t('access.apiBase')}
          </Text>
          <Copyable value={`${window.location.origin}/v1`} label={t('access.apiBase')} />
          <ApiKeys path={`/console/api/apps/${app.id}/api-keys`} />
        </Stack>
      </Paper>
    </Stack>
  );
}
