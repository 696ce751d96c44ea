import { AppShell, Burger, Button, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ApiError, sessionEvents } from '../api/client';
import { ApiErrorAlert, ErrorBoundary, PageLoader } from '../components/feedback';
import { LanguageSwitch } from '../components/language-switch';
import { signOut, useProfile, useSetupStatus } from '../auth/session';

const NAV = [
  { to: '/apps', key: 'nav.apps' },
  { to: '/datasets', key: 'nav.knowledge' },
  { to: '/settings', key: 'nav.settings' },
] as const;

/** The signed-in console: header, navigation and the page; sends anyone without a session to sign in and back. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure();
  const setup = useSetupStatus();
  const profile = useProfile();
  const here = `${location.pathname}${location.search}`;

  useEffect(() => {
    const onExpired = () => navigate(`/signin?redirect=${encodeURIComponent(window.location.pathname + window.location.search)}`, { replace: true });
    sessionEvents.addEventListener('expired', onExpired);
    return () => sessionEvents.removeEventListener('expired', onExpired);
  }, [navigate]);
  useEffect(close, [location.pathname, close]);

  if (setup.isLoading || profile.isLoading) return <PageLoader />;
  if (setup.data?.step === 'not_started') return <Navigate to="/install" replace />;
  if (profile.error instanceof ApiError && profile.error.status === 401) return <Navigate to={`/signin?redirect=${encodeURIComponent(here)}`} replace />;
  if (profile.error) return <ApiErrorAlert error={profile.error} />;

  const logout = async () => {
    await signOut();
    qc.clear();
    navigate('/signin', { replace: true });
  };

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text component={Link} to="/apps" fw={700} c="blue.8" td="none">
              Sluice
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch compact />
            {profile.data?.name && (
              <Text size="sm" visibleFrom="sm" data-testid="account-name">
                {profile.data.name}
              </Text>
            )}
            <Button variant="subtle" size="xs" onClick={logout}>
              {t('auth.signout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        <ScrollArea>
          {NAV.map((n) => (
            <NavLink
              key={n.to}
              component={Link}
              to={n.to}
              label={t(n.key)}
              active={location.pathname.startsWith(n.to)}
              aria-current={location.pathname.startsWith(n.to) ? 'page' : undefined}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main>
      <Text p="xl">{t('common.notFound')}</Text>
      <Button component={Link} to="/apps" ml="xl" variant="light">
        {t('common.backHome')}
      </Button>
    </main>
  );
}
