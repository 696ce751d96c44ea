import { Badge, Button, Card, Group, Modal, Pagination, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { Page } from '../apps/api';
import { useCan } from '../auth/permissions';
import { ApiErrorAlert, PageLoader } from '../components/feedback';
import { Dataset } from './api';

const LIMIT = 12;

export default function DatasetsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [open, { open: show, close }] = useDisclosure(false);
  const list = useQuery({
    queryKey: ['datasets', page, q],
    queryFn: () => api<Page<Dataset>>('/console/api/datasets', { query: { page, limit: LIMIT, search: q || undefined } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('kb.title')}
        </Title>
        {can.editDatasets && <Button onClick={show}>{t('kb.create')}</Button>}
      </Group>
      <TextInput
        w={280}
        aria-label={t('kb.search')}
        placeholder={t('kb.search')}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(1);
        }}
      />
      {list.isLoading ? (
        <PageLoader />
      ) : list.error ? (
        <ApiErrorAlert error={list.error} />
      ) : !list.data?.data.length ? (
        <Text c="dimmed">{t('kb.empty')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {list.data.data.map((d) => (
            <Card key={d.id} withBorder component={Link} to={`/datasets/${d.id}/documents`} data-testid="dataset-card">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600} truncate>
                  {d.name}
                </Text>
                <Badge variant="light">{t(`kb.technique.${d.indexing_technique ?? 'none'}`)}</Badge>
              </Group>
              <Text size="sm" c="dimmed" lineClamp={2}>
                {d.description || t('apps.noDescription')}
              </Text>
              <Text size="xs" c="dimmed" mt="xs">
                {t('kb.counts', { docs: d.document_count ?? 0, words: d.word_count ?? 0, apps: d.app_count ?? 0 })}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {(list.data?.total ?? 0) > LIMIT && <Pagination total={Math.ceil(list.data!.total / LIMIT)} value={page} onChange={setPage} />}
      <CreateDatasetModal opened={open} onClose={close} />
    </Stack>
  );
}

function CreateDatasetModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [technique, setTechnique] = useState('high_quality');
  const [permission, setPermission] = useState('only_me');
  const m = useMutation({
    mutationFn: () => api<Dataset>('/console/api/datasets', { body: { name, description, indexing_technique: technique, permission } }),
    onSuccess: async (d) => {
      await qc.invalidateQueries({ queryKey: ['datasets'] });
      onClose();
      navigate(`/datasets/${d.id}/upload`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('kb.create')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          m.mutate();
        }}
      >
        <Stack>
          <TextInput label={t('common.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          <Textarea label={t('common.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <Select
            label={t('kb.indexingTechnique')}
            allowDeselect={false}
            value={technique}
            onChange={(v) => v && setTechnique(v)}
            data={[
              { value: 'high_quality', label: t('kb.technique.high_quality') },
              { value: 'economy', label: t('kb.technique.economy') },
            ]}
          />
          <Select
            label={t('kb.permission')}
            allowDeselect={false}
            value={permission}
            onChange={(v) => v && setPermission(v)}
            data={['only_me', 'all_team_members'].map((p) => ({ value: p, label: t(`kb.permissions.${p}`) }))}
          />
          {m.error && <ApiErrorAlert error={m.error} />}
          <Button type="submit" loading={m.isPending}>
            {t('common.create')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
