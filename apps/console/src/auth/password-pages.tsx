import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { ApiErrorAlert, PageLoader } from '../components/feedback';
import { AuthFrame } from './auth-pages';
import { useSystemFeatures } from './session';

function BackToSignin() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/signin" size="sm">
      {t('teams.auth.backToSignin')}
    </Anchor>
  );
}

/**
 * `/forgot-password`: asks for a reset link by mail. Reset links come back here with `?token=`
 * (as Dify's do), which shows the new-password form instead.
 */
export function ForgotPasswordPage() {
  const [params] = useSearchParams();
  return params.get('token') ? <ResetPasswordPage /> : <RequestReset />;
}

function RequestReset() {
  const { t } = useTranslation();
  const features = useSystemFeatures();
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: () => api('/console/api/forgot-password', { auth: 'none', body: { email } }) });
  if (features.isLoading) return <PageLoader />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate();
  };
  return (
    <AuthFrame title={t('teams.forgot.title')}>
      {!features.data?.is_email_setup ? (
        <Alert color="gray" data-testid="no-mail">
          {t('teams.forgot.noMail')}
        </Alert>
      ) : request.isSuccess ? (
        <Alert color="teal" data-testid="reset-requested">
          {t('teams.forgot.sent', { email })}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('teams.forgot.intro')}
            </Text>
            <TextInput label={t('auth.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            {request.error && <ApiErrorAlert error={request.error} />}
            <Button type="submit" loading={request.isPending} disabled={!email.trim()}>
              {t('teams.forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <BackToSignin />
    </AuthFrame>
  );
}

/** `/reset-password?token=…`: a new password with a one-time token; every session of the account ends. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const check = useQuery({
    queryKey: ['reset-check', token],
    queryFn: () => api<{ is_valid: boolean; email?: string }>('/console/api/forgot-password/validity', { auth: 'none', body: { token } }),
    enabled: !!token,
    retry: false,
  });
  const reset = useMutation({
    mutationFn: () => api('/console/api/forgot-password/resets', { auth: 'none', body: { token, new_password: password, password_confirm: confirm } }),
  });
  if (check.isLoading) return <PageLoader />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate();
  };
  let body: React.ReactNode;
  if (reset.isSuccess)
    body = (
      <Alert color="teal" data-testid="password-reset-done">
        {t('teams.reset.done')}
      </Alert>
    );
  else if (check.error) body = <ApiErrorAlert error={check.error} />;
  else if (!token || !check.data?.is_valid)
    body = (
      <Alert color="orange" data-testid="reset-invalid">
        {t('teams.reset.invalid')}
      </Alert>
    );
  else
    body = (
      <form onSubmit={submit} noValidate>
        <Stack>
          {check.data.email && (
            <Text size="sm" c="dimmed">
              {check.data.email}
            </Text>
          )}
          <PasswordInput
            label={t('settings.newPassword')}
            description={t('auth.passwordHint')}
            visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('settings.repeatPassword')}
            visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
            autoComplete="new-password"
            required
            value={confirm}
            error={confirm && confirm !== password ? t('settings.passwordsDiffer') : undefined}
            onChange={(e) => setConfirm(e.currentTarget.value)}
          />
          {reset.error && <ApiErrorAlert error={reset.error} />}
          <Button type="submit" loading={reset.isPending} disabled={!password || password !== confirm}>
            {t('teams.reset.submit')}
          </Button>
        </Stack>
      </form>
    );
  return (
    <AuthFrame title={t('teams.reset.title')}>
      {body}
      <BackToSignin />
    </AuthFrame>
  );
}
