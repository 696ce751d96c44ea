import {
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Modal,
  Pagination,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useCan } from '../auth/permissions';
import { ApiErrorAlert, PageLoader } from '../components/feedback';
import { APP_MODES, AppInfo, AppMode, Page, isWorkflowMode } from './api';

const PAGE_SIZE = 12;

export default function AppsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const mode = params.get('mode') ?? 'all';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search, 300);
  const [createOpen, create] = useDisclosure(false);
  const [importOpen, imp] = useDisclosure(false);
  const list = useQuery({
    queryKey: ['apps', page, mode, q],
    queryFn: () => api<Page<AppInfo>>('/console/api/apps', { query: { page, limit: PAGE_SIZE, mode, name: q || undefined } }),
    placeholderData: keepPreviousData,
  });
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('apps.title')}
        </Title>
        {can.editApps && (
          <Group>
            <Button variant="default" onClick={imp.open}>
              {t('apps.importDsl')}
            </Button>
            <Button onClick={create.open}>{t('apps.create')}</Button>
          </Group>
        )}
      </Group>
      <Group>
        <TextInput
          aria-label={t('apps.search')}
          placeholder={t('apps.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            set('page', null);
          }}
          w={260}
        />
        <SegmentedControl
          aria-label={t('apps.modeFilter')}
          value={mode}
          onChange={(v) => set('mode', v === 'all' ? null : v)}
          data={[{ value: 'all', label: t('apps.modes.all') }, ...APP_MODES.map((m) => ({ value: m, label: t(`apps.modes.${m}`) }))]}
        />
      </Group>
      {list.isLoading ? (
        <PageLoader />
      ) : list.error ? (
        <ApiErrorAlert error={list.error} />
      ) : list.data && list.data.data.length === 0 ? (
        <Text c="dimmed">{t('apps.empty')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="apps-grid">
          {list.data?.data.map((a) => (
            <Card key={a.id} withBorder component={Link} to={`/apps/${a.id}`} data-testid="app-card">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600} truncate>
                  {a.name}
                </Text>
                <Badge variant="light">{t(`apps.modes.${a.mode}`)}</Badge>
              </Group>
              <Text size="sm" c="dimmed" lineClamp={2} mt={4}>
                {a.description || t('apps.noDescription')}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {list.data && list.data.total > PAGE_SIZE && (
        <Pagination
          total={Math.ceil(list.data.total / PAGE_SIZE)}
          value={page}
          onChange={(p) => set('page', String(p))}
          getControlProps={(c) => ({ 'aria-label': t(`common.pager.${c}`) })}
        />
      )}
      <CreateAppModal opened={createOpen} onClose={create.close} />
      <ImportDslModal opened={importOpen} onClose={imp.close} />
    </Stack>
  );
}

function CreateAppModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [mode, setMode] = useState<AppMode>('chat');
  const m = useMutation({
    mutationFn: () => api<AppInfo>('/console/api/apps', { body: { name, mode, description } }),
    onSuccess: async (app) => {
      await qc.invalidateQueries({ queryKey: ['apps'] });
      onClose();
      navigate(`/apps/${app.id}/${isWorkflowMode(app.mode) ? 'workflow' : 'configuration'}`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('apps.create')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          m.mutate();
        }}
      >
        <Stack>
          <TextInput label={t('apps.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          <Select
            label={t('apps.mode')}
            value={mode}
            onChange={(v) => v && setMode(v as AppMode)}
            allowDeselect={false}
            data={APP_MODES.map((x) => ({ value: x, label: t(`apps.modes.${x}`) }))}
          />
          <Text size="xs" c="dimmed">
            {t(`apps.modeHelp.${mode}`)}
          </Text>
          <Textarea label={t('apps.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          {m.error && <ApiErrorAlert error={m.error} />}
          <Button type="submit" loading={m.isPending}>
            {t('common.create')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

function ImportDslModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [yaml, setYaml] = useState('');
  const [name, setName] = useState('');
  const m = useMutation({
    mutationFn: () =>
      api<{ app_id: string; app_mode: AppMode }>('/console/api/apps/imports', { body: { mode: 'yaml-content', yaml_content: yaml, name: name || undefined } }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['apps'] });
      onClose();
      navigate(`/apps/${r.app_id}/${isWorkflowMode(r.app_mode) ? 'workflow' : 'configuration'}`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('apps.importDsl')} size="lg">
      <Stack>
        <FileInput
          label={t('apps.dslFile')}
          accept=".yml,.yaml,text/yaml"
          onChange={async (f) => setYaml(f ? await f.text() : '')}
          data-testid="dsl-file"
          clearable
        />
        <Textarea label={t('apps.dslContent')} autosize minRows={6} maxRows={14} value={yaml} onChange={(e) => setYaml(e.currentTarget.value)} ff="monospace" />
        <TextInput label={t('apps.nameOptional')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        {m.error && <ApiErrorAlert error={m.error} />}
        <Button onClick={() => m.mutate()} loading={m.isPending} disabled={!yaml.trim()}>
          {t('apps.import')}
        </Button>
      </Stack>
    </Modal>
  );
}
