import { Alert, Anchor, Button, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client';
import { ApiErrorAlert, PageLoader } from '../components/feedback';
import { AuthFrame } from './auth-pages';
import { browserTimeZone, timeZones, toInterfaceLanguage } from './locale-options';

interface InvitationCheck {
  is_valid: boolean;
  data?: { workspace_name: string | null; email: string };
}

/** `/activate?token=…&email=…`: an invited person sets their name and password, then is signed in. */
export default function ActivatePage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const token = params.get('token') ?? '';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [timezone, setTimezone] = useState(browserTimeZone());
  const check = useQuery({
    queryKey: ['activate-check', token],
    queryFn: () => api<InvitationCheck>('/console/api/activate/check', { auth: 'none', query: { token, email: params.get('email') } }),
    enabled: !!token,
    retry: false,
  });
  const email = check.data?.data?.email ?? '';
  const activate = useMutation({
    mutationFn: async () => {
      // The language chosen on this page (the switch below the form) becomes the account's.
      await api('/console/api/activate', {
        auth: 'none',
        body: { token, email, name, password, interface_language: toInterfaceLanguage(i18n.language), timezone },
      });
      await api('/console/api/login', { body: { email, password, remember_me: true } });
    },
    onSuccess: async () => {
      await qc.resetQueries();
      navigate('/', { replace: true });
    },
  });
  if (check.isLoading) return <PageLoader />;
  if (!token || check.error || !check.data?.is_valid)
    return (
      <AuthFrame title={t('teams.activate.title')}>
        {check.error ? (
          <ApiErrorAlert error={check.error} />
        ) : (
          <Alert color="orange" data-testid="invitation-invalid">
            {t('teams.activate.invalid')}
          </Alert>
        )}
        <Anchor component={Link} to="/signin" size="sm">
          {t('teams.auth.backToSignin')}
        </Anchor>
      </AuthFrame>
    );
  const fieldError = (f: string) => (activate.error instanceof ApiError && activate.error.params === f ? activate.error.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    activate.mutate();
  };
  return (
    <AuthFrame title={t('teams.activate.title')}>
      <Text size="sm" c="dimmed">
        {t('teams.activate.intro', { workspace: check.data.data?.workspace_name ?? '' })}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('auth.email')} value={email} readOnly autoComplete="username" />
          <TextInput
            label={t('auth.name')}
            autoComplete="name"
            required
            value={name}
            error={fieldError('name')}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <PasswordInput
            label={t('auth.password')}
            description={t('auth.passwordHint')}
            visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
            autoComplete="new-password"
            required
            value={password}
            error={fieldError('password')}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Select
            label={t('teams.account.timezone')}
            data={timeZones()}
            value={timezone}
            onChange={(v) => v && setTimezone(v)}
            searchable
            allowDeselect={false}
          />
          {activate.error && !fieldError('name') && !fieldError('password') && <ApiErrorAlert error={activate.error} />}
          <Button type="submit" loading={activate.isPending} disabled={!name.trim() || !password}>
            {t('teams.activate.submit')}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
