import { Alert, Button, Group, Paper, PasswordInput, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { Capabilities, useCan } from '../auth/permissions';
import { ApiKeys } from '../components/api-keys';
import { ApiErrorAlert, PageLoader, notifySuccess } from '../components/feedback';
import { Forbidden } from '../components/forbidden';

const AccountTab = lazy(() => import('./account-tab'));
const MembersTab = lazy(() => import('./members-tab'));

/** Each tab and who sees it (the API refuses the others anyway). */
const TABS: { id: string; show: (c: Capabilities) => boolean }[] = [
  { id: 'providers', show: (c) => c.providers },
  { id: 'dataset-keys', show: (c) => c.datasetKeys },
  { id: 'members', show: () => true },
  { id: 'account', show: () => true },
];

export default function SettingsPage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const visible = TABS.filter((x) => x.show(can)).map((x) => x.id);
  if (!tab || !TABS.some((x) => x.id === tab)) return <Navigate to={`/settings/${visible[0]}`} replace />;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      <Tabs value={tab} onChange={(v) => v && navigate(`/settings/${v}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {visible.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`settings.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {!visible.includes(tab) ? (
          <Forbidden />
        ) : (
          <Suspense fallback={<PageLoader />}>
            {tab === 'providers' && <Providers />}
            {tab === 'dataset-keys' && (
              <Stack maw={900}>
                <Text size="sm" c="dimmed">
                  {t('settings.datasetKeysIntro')}
                </Text>
                <ApiKeys path="/console/api/datasets/api-keys" />
              </Stack>
            )}
            {tab === 'members' && <MembersTab />}
            {tab === 'account' && <AccountTab />}
          </Suspense>
        )}
      </Tabs>
    </Stack>
  );
}

function Providers() {
  const { t } = useTranslation();
  const [base, setBase] = useState('');
  const [key, setKey] = useState('');
  const credentials = { openai_api_key: key, openai_api_base: base || undefined };
  const path = '/console/api/workspaces/current/model-providers/openai/credentials';
  const test = useMutation({
    mutationFn: async () => {
      const r = await api<{ result: string; error?: string }>(`${path}/validate`, { body: { credentials } });
      if (r.result !== 'success') throw new Error(r.error || 'error');
      return r;
    },
  });
  const save = useMutation({ mutationFn: () => api(path, { body: { credentials } }), onSuccess: () => notifySuccess(t('settings.savedCredentials')) });
  return (
    <Paper withBorder p="md" maw={700}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('settings.openaiTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.openaiIntro')}
        </Text>
        <TextInput
          label={t('settings.baseUrl')}
          description={t('settings.baseUrlHelp')}
          placeholder="https://api.openai.com/v1"
          value={base}
          onChange={(e) => setBase(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('settings.apiKey')}
          visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          autoComplete="off"
        />
        {test.isSuccess && (
          <Alert color="teal" data-testid="connection-ok">
            {t('settings.connectionOk')}
          </Alert>
        )}
        {test.error && <ApiErrorAlert error={test.error} />}
        {save.error && <ApiErrorAlert error={save.error} />}
        <Group>
          <Button variant="default" onClick={() => test.mutate()} loading={test.isPending} disabled={!key} data-testid="test-connection">
            {t('settings.testConnection')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!key}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
