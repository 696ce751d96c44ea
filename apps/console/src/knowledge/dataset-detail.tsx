import { Badge, Group, Tabs, Text, Title } from '@mantine/core';
import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useCan } from '../auth/permissions';
import { ApiErrorAlert, PageLoader } from '../components/feedback';
import { Forbidden } from '../components/forbidden';
import { useDataset } from './api';

const DocumentsTab = lazy(() => import('./documents-tab'));
const UploadTab = lazy(() => import('./upload-tab'));
const SegmentsPage = lazy(() => import('./segments-page'));
const HitTestingTab = lazy(() => import('./hit-testing-tab'));
const SettingsTab = lazy(() => import('./settings-tab'));

const TABS = ['documents', 'upload', 'hit-testing', 'settings'];
/** What a member who may only read knowledge sees (the API refuses the rest). */
const READ_TABS = ['documents', 'hit-testing'];

export default function DatasetDetail() {
  const { t } = useTranslation();
  const { datasetId = '', tab, docId } = useParams();
  const navigate = useNavigate();
  const ds = useDataset(datasetId);
  const can = useCan();
  const tabs = can.editDatasets ? TABS : READ_TABS;
  if (ds.isLoading) return <PageLoader />;
  if (ds.error || !ds.data) return <ApiErrorAlert error={ds.error} />;
  if (!tab || !TABS.includes(tab)) return <Navigate to={`/datasets/${datasetId}/documents`} replace />;
  return (
    <>
      <Group mb="sm" gap="sm">
        <Text component={Link} to="/datasets" size="sm" c="dimmed">
          {t('kb.title')}
        </Text>
        <Text c="dimmed">/</Text>
        <Title order={1} size="h3" data-testid="dataset-title">
          {ds.data.name}
        </Title>
        <Badge variant="light">{t(`kb.technique.${ds.data.indexing_technique ?? 'none'}`)}</Badge>
      </Group>
      <Tabs value={tab} onChange={(v) => v && navigate(`/datasets/${datasetId}/${v}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`kb.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Suspense fallback={<PageLoader />}>
          {!tabs.includes(tab) && <Forbidden />}
          {tab === 'documents' && (docId ? <SegmentsPage dataset={ds.data} documentId={docId} /> : <DocumentsTab dataset={ds.data} />)}
          {tab === 'upload' && can.editDatasets && <UploadTab dataset={ds.data} />}
          {tab === 'hit-testing' && <HitTestingTab dataset={ds.data} />}
          {tab === 'settings' && can.editDatasets && <SettingsTab dataset={ds.data} />}
        </Suspense>
      </Tabs>
    </>
  );
}
