import { Anchor, Button, Center, Checkbox, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client';
import { ApiErrorAlert, PageLoader } from '../components/feedback';
import { LanguageSwitch } from '../components/language-switch';
import { safeRedirect, useSetupStatus, useSystemFeatures } from './session';

export function AuthFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={420} maw="100%">
        <Stack>
          <Stack gap={4}>
            <Text fw={700} c="blue.8">
              Sluice
            </Text>
            <Title order={1} size="h3">
              {title}
            </Title>
          </Stack>
          {children}
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  );
}

export function SigninPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const setup = useSetupStatus();
  const features = useSystemFeatures();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const login = useMutation({
    mutationFn: () => api('/console/api/login', { body: { email, password, remember_me: remember } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['profile'] });
      navigate(safeRedirect(params.get('redirect')), { replace: true });
    },
  });
  if (setup.isLoading) return <PageLoader />;
  if (setup.data?.step === 'not_started') return <Navigate to="/install" replace />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <AuthFrame title={t('auth.signinTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('auth.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Checkbox label={t('auth.rememberMe')} checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
          {login.error && <ApiErrorAlert error={login.error} title={t('auth.signinFailed')} />}
          <Button type="submit" loading={login.isPending}>
            {t('auth.signin')}
          </Button>
          <Group justify="space-between">
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('teams.auth.forgotLink')}
            </Anchor>
            {features.data?.is_allow_register && (
              <Anchor component={Link} to="/register" size="sm">
                {t('teams.auth.registerLink')}
              </Anchor>
            )}
          </Group>
        </Stack>
      </form>
    </AuthFrame>
  );
}

export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const setup = useSetupStatus();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const run = useMutation({
    mutationFn: async () => {
      await api('/console/api/setup', { body: { email, name, password }, auth: 'none' });
      await api('/console/api/login', { body: { email, password, remember_me: true } });
    },
    onSuccess: async () => {
      await qc.invalidateQueries();
      navigate('/apps', { replace: true });
    },
  });
  if (setup.isLoading) return <PageLoader />;
  if (setup.data?.step === 'finished' && !run.isPending && !run.isSuccess) return <Navigate to="/signin" replace />;
  const fieldError = (f: string) => (run.error instanceof ApiError && run.error.params === f ? run.error.message : undefined);
  return (
    <AuthFrame title={t('auth.setupTitle')}>
      <Text size="sm" c="dimmed">
        {t('auth.setupIntro')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
        noValidate
      >
        <Stack>
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            error={fieldError('email')}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <TextInput
            label={t('auth.name')}
            autoComplete="name"
            required
            value={name}
            error={fieldError('name')}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
            label={t('auth.password')}
            description={t('auth.passwordHint')}
            autoComplete="new-password"
            required
            value={password}
            error={fieldError('password')}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          {run.error && <ApiErrorAlert error={run.error} />}
          <Button type="submit" loading={run.isPending}>
            {t('auth.setupSubmit')}
          </Button>
          <Anchor href="/signin" size="sm">
            {t('auth.haveAccount')}
          </Anchor>
        </Stack>
      </form>
    </AuthFrame>
  );
}
