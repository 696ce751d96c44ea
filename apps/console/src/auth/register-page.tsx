import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client';
import { ApiErrorAlert, PageLoader } from '../components/feedback';
import { AuthFrame } from './auth-pages';
import { browserTimeZone, toInterfaceLanguage } from './locale-options';
import { useSystemFeatures } from './session';

/** `/register` (ALLOW_REGISTER): a new account with a workspace of its own, signed in at once. */
export default function RegisterPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const features = useSystemFeatures();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const register = useMutation({
    mutationFn: () =>
      api('/console/api/register', { body: { email, name, password, interface_language: toInterfaceLanguage(i18n.language), timezone: browserTimeZone() } }),
    onSuccess: async () => {
      await qc.resetQueries();
      navigate('/', { replace: true });
    },
  });
  if (features.isLoading) return <PageLoader />;
  const signin = (
    <Anchor component={Link} to="/signin" size="sm">
      {t('teams.auth.haveAccount')}
    </Anchor>
  );
  if (!features.data?.is_allow_register)
    return (
      <AuthFrame title={t('teams.register.title')}>
        {features.error ? (
          <ApiErrorAlert error={features.error} />
        ) : (
          <Alert color="gray" data-testid="register-closed">
            {t('teams.register.closed')}
          </Alert>
        )}
        {signin}
      </AuthFrame>
    );
  const fieldError = (f: string) => (register.error instanceof ApiError && register.error.params === f ? register.error.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate();
  };
  return (
    <AuthFrame title={t('teams.register.title')}>
      <form onSubmit={submit} noValidate>
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
            label={t('auth.password')}
            description={t('auth.passwordHint')}
            visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
            autoComplete="new-password"
            required
            value={password}
            error={fieldError('password')}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          {register.error && !fieldError('email') && !fieldError('name') && !fieldError('password') && <ApiErrorAlert error={register.error} />}
          <Button type="submit" loading={register.isPending}>
            {t('teams.register.submit')}
          </Button>
          {signin}
        </Stack>
      </form>
    </AuthFrame>
  );
}
