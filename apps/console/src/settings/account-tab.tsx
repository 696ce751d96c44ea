import { Button, Paper, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { INTERFACE_LANGUAGES, timeZones, toConsoleLanguage } from '../auth/locale-options';
import { Profile, useProfile } from '../auth/session';
import { ApiErrorAlert, notifySuccess } from '../components/feedback';
import i18n, { setLanguage } from '../i18n';

/** Settings → Account: name, interface language and time zone (`/account/profile`), and the password. */
export default function AccountTab() {
  const profile = useProfile();
  return (
    <Stack maw={600}>
      {profile.data && <ProfileForm profile={profile.data} />}
      <PasswordForm />
    </Stack>
  );
}

function ProfileForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(profile.name ?? '');
  const [language, setLang] = useState(profile.interface_language ?? 'en-US');
  const [timezone, setTimezone] = useState(profile.timezone ?? 'UTC');
  useEffect(() => {
    setName(profile.name ?? '');
    setLang(profile.interface_language ?? 'en-US');
    setTimezone(profile.timezone ?? 'UTC');
  }, [profile]);
  const zones = useMemo(() => {
    const all = timeZones();
    return all.includes(timezone) ? all : [timezone, ...all];
  }, [timezone]);
  const save = useMutation({
    mutationFn: () => api<Profile>('/console/api/account/profile', { body: { name, interface_language: language, timezone } }),
    onSuccess: async (p) => {
      qc.setQueryData(['profile'], p);
      setLanguage(toConsoleLanguage(p.interface_language));
      // in the language just chosen
      notifySuccess(i18n.t('teams.account.saved'));
    },
  });
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="xs">
          <Title order={2} size="h5">
            {t('teams.account.profile')}
          </Title>
          {profile.email && (
            <Text size="sm" c="dimmed" data-testid="account-email">
              {profile.email}
            </Text>
          )}
          <TextInput label={t('settings.accountName')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Select
            label={t('teams.account.language')}
            data={INTERFACE_LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
            value={language}
            onChange={(v) => v && setLang(v)}
            allowDeselect={false}
          />
          <Select
            label={t('teams.account.timezone')}
            data={zones}
            value={timezone}
            onChange={(v) => v && setTimezone(v)}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('teams.account.noZone')}
          />
          {save.error && <ApiErrorAlert error={save.error} />}
          <Button type="submit" w="fit-content" disabled={!name.trim()} loading={save.isPending} data-testid="save-profile">
            {t('common.save')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const password = useMutation({
    mutationFn: () => api('/console/api/account/password', { body: { password: current, new_password: next, repeat_new_password: repeat } }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      notifySuccess(t('settings.passwordChanged'));
    },
  });
  const toggle = { 'aria-label': t('auth.togglePassword') };
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          password.mutate();
        }}
      >
        <Stack gap="xs">
          <Title order={2} size="h5">
            {t('settings.changePassword')}
          </Title>
          <PasswordInput
            label={t('settings.currentPassword')}
            visibilityToggleButtonProps={toggle}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('settings.newPassword')}
            description={t('auth.passwordHint')}
            visibilityToggleButtonProps={toggle}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('settings.repeatPassword')}
            visibilityToggleButtonProps={toggle}
            autoComplete="new-password"
            value={repeat}
            error={repeat && repeat !== next ? t('settings.passwordsDiffer') : undefined}
            onChange={(e) => setRepeat(e.currentTarget.value)}
          />
          {password.error && <ApiErrorAlert error={password.error} />}
          <Button type="submit" w="fit-content" disabled={!current || !next || next !== repeat} loading={password.isPending}>
            {t('settings.changePassword')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
