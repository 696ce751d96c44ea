import { Alert, Badge, Group, Tabs, Text, Title } from '@mantine/core';
import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useCan } from '../auth/permissions';
import { ApiErrorAlert, PageLoader } from '../components/feedback';
import { Forbidden } from '../components/forbidden';
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
  const can = useCan();
  if (app.isLoading) return <PageLoader />;
  if (app.error || !app.data) return <ApiErrorAlert error={app.error} />;
  const wf = isWorkflowMode(app.data.mode);
  // Members who cannot edit keep the preview (read-only configuration) and the logs; the workflow
  // editor, publishing and API keys are for editors.
  const all = [wf ? 'workflow' : 'configuration', 'api', 'logs'];
  const tabs = can.editApps ? all : wf ? ['logs'] : ['configuration', 'logs'];
  if (!tab || !all.includes(tab)) return <Navigate to={`/apps/${appId}/${tabs[0]}`} replace />;
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
      {!can.editApps && wf && (
        <Alert color="gray" mb="sm" data-testid="read-only">
          {t('teams.workflowReadOnly')}
        </Alert>
      )}
      <Tabs value={tab} onChange={(v) => v && navigate(`/apps/${appId}/${v}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`apps.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Suspense fallback={<PageLoader />}>
          {!tabs.includes(tab) && <Forbidden />}
          {tab === 'configuration' && <ConfigPage app={app.data} readOnly={!can.editApps} />}
          {tab === 'workflow' && can.editApps && <WorkflowEditor app={app.data} />}
          {tab === 'api' && can.editApps && <ApiAccess app={app.data} />}
          {tab === 'logs' && <LogsPage app={app.data} />}
        </Suspense>
      </Tabs>
    </>
  );
}
