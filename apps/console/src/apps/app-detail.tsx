import { Badge, Group, Tabs, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { ApiErrorAlert, PageLoader } from '../components/feedback';
import { isWorkflowMode, useApp } from './api';

const ConfigPage = lazy(() => import('./config-page'));
const ApiAccess = lazy(() => import('./api-access'));
const LogsPage = lazy(() => import('./logs-page'));
const WorkflowEditor = lazy(() => import('../workflow/workflow-page'));

export default function AppDetail() {
  const { t } = useTranslation();
  const { appId = '', tab } = useParams();
  const navigate = useNavigate();
  const app = useApp(appId);
  if (app.isLoading) return <PageLoader />;
  if (app.error || !app.data) return <ApiErrorAlert error={app.error} />;
  const wf = isWorkflowMode(app.data.mode);
  const first = wf ? 'workflow' : 'configuration';
  const tabs = [first, 'api', 'logs'];
  if (!tab || !tabs.includes(tab)) return <Navigate to={`/apps/${appId}/${first}`} replace />;
  return (
    <>
      <Group mb="sm" gap="sm">
        <Text component={Link} to="/apps" size="sm" c="dimmed">
          {t('apps.title')}
        </Text>
        <Text c="dimmed">/</Text>
        <Title order={1} size="h3" data-testid="app-title">
          {app.data.name}
        </Title>
        <Badge variant="light">{t(`apps.modes.${app.data.mode}`)}</Badge>
      </Group>
      <Tabs value={tab} onChange={(v) => v && navigate(`/apps/${appId}/${v}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`apps.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Suspense fallback={<PageLoader />}>
          {tab === 'configuration' && <ConfigPage app={app.data} />}
          {tab === 'workflow' && <WorkflowEditor app={app.data} />}
          {tab === 'api' && <ApiAccess app={app.data} />}
          {tab === 'logs' && <LogsPage app={app.data} />}
        </Suspense>
      </Tabs>
    </>
  );
}
