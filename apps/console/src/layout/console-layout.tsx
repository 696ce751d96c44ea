import { AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ApiError, sessionEvents } from '../api/client';
import { Capabilities, useCan } from '../auth/permissions';
import { PUBLIC_PAGES, signOut, useProfile, useSetupStatus, useWorkspace } from '../auth/session';
import { ApiErrorAlert, ErrorBoundary, PageLoader } from '../components/feedback';
import { LanguageSwitch } from '../components/language-switch';
import { WorkspaceSwitcher } from './workspace-switcher';

const NAV: { to: string; key: string; show: (c: Capabilities) => boolean }[] = [
  { to: '/apps', key: 'nav.apps', show: (c) => c.viewApps },
  { to: '/datasets', key: 'nav.knowledge', show: () => true },
  { to: '/settings', key: 'nav.settings', show: () => true },
];

/** `/`: the first area the member's role may see (a dataset operator has no apps). */
export function HomeRedirect() {
  const can = useCan();
  return <Navigate to={can.viewApps ? '/apps' : '/datasets'} replace />;
}

/** The signed-in console: header, navigation and the page; sends anyone without a session to sign in and back. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure();
  const setup = useSetupStatus();
  const profile = useProfile();
  const workspace = useWorkspace();
  const can = useCan();
  const here = `${location.pathname}${location.search}`;

  useEffect(() => {
    const onExpired = () => {
      // Several requests can fail together; the first one already went to sign-in, and sign-in must not become the way back.
      if (PUBLIC_PAGES.some((p) => window.location.pathname.startsWith(p))) return;
      navigate(`/signin?redirect=${encodeURIComponent(window.location.pathname + window.location.search)}`, { replace: true });
    };
    sessionEvents.addEventListener('expired', onExpired);
    return () => sessionEvents.removeEventListener('expired', onExpired);
  }, [navigate]);
  useEffect(close, [location.pathname, close]);

  if (setup.isLoading || profile.isLoading || workspace.isLoading) return <PageLoader />;
  if (setup.data?.step === 'not_started') return <Navigate to="/install" replace />;
  const failed = profile.error ?? workspace.error;
  if (failed instanceof ApiError && failed.status === 401) return <Navigate to={`/signin?redirect=${encodeURIComponent(here)}`} replace />;
  if (failed) return <ApiErrorAlert error={failed} />;

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
            <Text component={Link} to="/" fw={700} c="blue.8" td="none">
              Sluice
            </Text>
            <WorkspaceSwitcher />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch compact />
            {profile.data?.name && (
              <Text component={Link} to="/settings/account" size="sm" visibleFrom="sm" c="dark" data-testid="account-name">
                {profile.data.name}
              </Text>
            )}
            {can.role && (
              <Badge variant="light" color="gray" visibleFrom="sm" data-testid="role-badge">
                {t(`teams.roles.${can.role}`)}
              </Badge>
            )}
            <Button variant="subtle" size="xs" onClick={logout}>
              {t('auth.signout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        <ScrollArea>
          {NAV.filter((n) => n.show(can)).map((n) => (
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
      <Button component={Link} to="/" ml="xl" variant="light">
        {t('common.backHome')}
      </Button>
    </main>
  );
}
