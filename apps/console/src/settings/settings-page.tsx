import { Alert, Button, Group, Paper, PasswordInput, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { useProfile } from '../auth/session';
import { ApiKeys } from '../components/api-keys';
import { ApiErrorAlert, notifySuccess } from '../components/feedback';

const TABS = ['providers', 'dataset-keys', 'account', 'members'];

export default function SettingsPage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  if (!tab || !TABS.includes(tab)) return <Navigate to="/settings/providers" replace />;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      <Tabs value={tab} onChange={(v) => v && navigate(`/settings/${v}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`settings.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tab === 'providers' && <Providers />}
        {tab === 'dataset-keys' && (
          <Stack maw={900}>
            <Text size="sm" c="dimmed">
              {t('settings.datasetKeysIntro')}
            </Text>
            <ApiKeys path="/console/api/datasets/api-keys" />
          </Stack>
        )}
        {tab === 'account' && <Account />}
        {/* Members, roles and the workspace switcher come with the teams work; this tab is their place. */}
        {tab === 'members' && (
          <Alert color="gray" maw={700} data-testid="members-placeholder">
            {t('settings.membersSoon')}
          </Alert>
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
        <TextInput label={t('settings.baseUrl')} description={t('settings.baseUrlHelp')} placeholder="https://api.openai.com/v1" value={base} onChange={(e) => setBase(e.currentTarget.value)} />
        <PasswordInput label={t('settings.apiKey')} visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }} value={key} onChange={(e) => setKey(e.currentTarget.value)} autoComplete="off" />
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

function Account() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const profile = useProfile();
  const [name, setName] = useState('');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const rename = useMutation({
    mutationFn: () => api('/console/api/account/name', { body: { name } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['profile'] });
      notifySuccess(t('config.saved'));
    },
  });
  const password = useMutation({
    mutationFn: () => api('/console/api/account/password', { body: { password: current, new_password: next, repeat_new_password: repeat } }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      notifySuccess(t('settings.passwordChanged'));
    },
  });
  return (
    <Stack maw={600}>
      <Paper withBorder p="md">
        <Stack gap="xs">
          {profile.data?.email && (
            <Text size="sm" c="dimmed">
              {profile.data.email}
            </Text>
          )}
          <TextInput label={t('settings.accountName')} placeholder={profile.data?.name} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          {rename.error && <ApiErrorAlert error={rename.error} />}
          <Button w="fit-content" onClick={() => rename.mutate()} disabled={!name.trim()} loading={rename.isPending}>
            {t('common.save')}
          </Button>
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={2} size="h5">
            {t('settings.changePassword')}
          </Title>
          <PasswordInput label={t('settings.currentPassword')} visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }} autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.currentTarget.value)} />
          <PasswordInput label={t('settings.newPassword')} visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }} autoComplete="new-password" value={next} onChange={(e) => setNext(e.currentTarget.value)} />
          <PasswordInput
            label={t('settings.repeatPassword')}
            visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
            autoComplete="new-password"
            value={repeat}
            error={repeat && repeat !== next ? t('settings.passwordsDiffer') : undefined}
            onChange={(e) => setRepeat(e.currentTarget.value)}
          />
          {password.error && <ApiErrorAlert error={password.error} />}
          <Button w="fit-content" onClick={() => password.mutate()} disabled={!current || !next || next !== repeat} loading={password.isPending}>
            {t('settings.changePassword')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
