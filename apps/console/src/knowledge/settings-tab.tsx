import { Button, Group, NumberInput, Paper, Select, Stack, Switch, Table, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { ApiErrorAlert, notifyError, notifySuccess } from '../components/feedback';
import { QueryError } from '../components/missing-route';
import { Dataset, RetrievalModel, SEARCH_METHODS, defaultRetrieval } from './api';

export default function SettingsTab({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState(dataset.name);
  const [description, setDescription] = useState(dataset.description ?? '');
  const [permission, setPermission] = useState(dataset.permission);
  const [technique, setTechnique] = useState(dataset.indexing_technique ?? 'high_quality');
  const [embedding, setEmbedding] = useState(dataset.embedding_model ?? '');
  const [rm, setRm] = useState<RetrievalModel>(() => ({ ...defaultRetrieval(), ...(dataset.retrieval_model_dict ?? dataset.retrieval_model ?? {}) }));
  const save = useMutation({
    mutationFn: () =>
      api(`/console/api/datasets/${dataset.id}`, {
        method: 'PATCH',
        body: { name, description, permission, indexing_technique: technique, embedding_model: embedding || undefined, retrieval_model: rm },
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['dataset', dataset.id] });
      notifySuccess(t('config.saved'));
    },
  });
  const remove = useMutation({
    mutationFn: () => api(`/console/api/datasets/${dataset.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['datasets'] });
      navigate('/datasets');
    },
    onError: notifyError,
  });
  return (
    <Stack maw={820}>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <TextInput label={t('common.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Textarea label={t('common.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <Group grow>
            <Select
              label={t('kb.permission')}
              allowDeselect={false}
              value={permission}
              onChange={(v) => v && setPermission(v)}
              data={['only_me', 'all_team_members'].map((p) => ({ value: p, label: t(`kb.permissions.${p}`) }))}
            />
            <Select
              label={t('kb.indexingTechnique')}
              allowDeselect={false}
              value={technique}
              onChange={(v) => v && setTechnique(v as 'high_quality')}
              data={['high_quality', 'economy'].map((p) => ({ value: p, label: t(`kb.technique.${p}`) }))}
            />
            <TextInput label={t('kb.embeddingModel')} value={embedding} onChange={(e) => setEmbedding(e.currentTarget.value)} />
          </Group>
          <Text fw={600} size="sm" mt="xs">
            {t('kb.defaultRetrieval')}
          </Text>
          <Group grow>
            <Select
              label={t('kb.searchMethod')}
              allowDeselect={false}
              value={rm.search_method}
              onChange={(v) => v && setRm({ ...rm, search_method: v as RetrievalModel['search_method'] })}
              data={SEARCH_METHODS.map((m) => ({ value: m, label: t(`kb.methods.${m}`) }))}
            />
            <NumberInput label={t('config.topK')} min={1} max={20} value={rm.top_k} onChange={(v) => setRm({ ...rm, top_k: Number(v) || 4 })} />
            <NumberInput
              label={t('config.scoreThreshold')}
              min={0}
              max={1}
              step={0.05}
              decimalScale={2}
              value={rm.score_threshold ?? 0}
              onChange={(v) => setRm({ ...rm, score_threshold: Number(v), score_threshold_enabled: true })}
            />
          </Group>
          <Switch label={t('config.rerank')} checked={rm.reranking_enable} onChange={(e) => setRm({ ...rm, reranking_enable: e.currentTarget.checked })} />
          {save.error && <ApiErrorAlert error={save.error} />}
          <Button onClick={() => save.mutate()} loading={save.isPending} w="fit-content">
            {t('common.save')}
          </Button>
        </Stack>
      </Paper>
      <Tags dataset={dataset} />
      <Metadata dataset={dataset} />
      <Paper withBorder p="md">
        <Group justify="space-between">
          <Text size="sm">{t('kb.deleteDataset')}</Text>
          <Button color="red" variant="light" onClick={() => window.confirm(t('kb.deleteDatasetConfirm')) && remove.mutate()} loading={remove.isPending}>
            {t('common.delete')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}

interface Tag {
  id: string;
  name: string;
}

function Tags({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const all = useQuery({ queryKey: ['tags'], queryFn: () => api<Tag[]>('/console/api/tags', { query: { type: 'knowledge' } }) });
  const bound = (dataset.tags ?? []).map((x) => x.name);
  const change = useMutation({
    mutationFn: async (names: string[]) => {
      const known = new Map((all.data ?? []).map((x) => [x.name, x.id]));
      for (const n of names.filter((x) => !known.has(x))) {
        const created = await api<Tag>('/console/api/tags', { body: { name: n, type: 'knowledge' } });
        known.set(n, created.id);
      }
      const add = names.filter((n) => !bound.includes(n)).map((n) => known.get(n)!);
      if (add.length) await api('/console/api/tag-bindings/create', { body: { tag_ids: add, target_id: dataset.id, type: 'knowledge' } });
      for (const n of bound.filter((x) => !names.includes(x)))
        await api('/console/api/tag-bindings/remove', { body: { tag_id: known.get(n), target_id: dataset.id, type: 'knowledge' } });
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['tags'] });
      void qc.invalidateQueries({ queryKey: ['dataset', dataset.id] });
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="xs">
        {t('kb.tags')}
      </Title>
      {all.error ? (
        <QueryError error={all.error} route="/console/api/tags" />
      ) : (
        <TagsInput aria-label={t('kb.tags')} data={(all.data ?? []).map((x) => x.name)} value={bound} onChange={(v) => change.mutate(v)} />
      )}
      {change.error && <ApiErrorAlert error={change.error} />}
    </Paper>
  );
}

interface MetaField {
  id: string;
  name: string;
  type: string;
  count?: number;
}

function Metadata({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [type, setType] = useState('string');
  const route = `/console/api/datasets/${dataset.id}/metadata`;
  const fields = useQuery({ queryKey: ['metadata', dataset.id], queryFn: () => api<{ doc_metadata: MetaField[]; built_in_field_enabled?: boolean }>(route) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['metadata', dataset.id] });
  const add = useMutation({
    mutationFn: () => api(route, { body: { name, type } }),
    onSuccess: () => {
      setName('');
      void refresh();
    },
  });
  const del = useMutation({ mutationFn: (id: string) => api(`${route}/${id}`, { method: 'DELETE' }), onSuccess: refresh, onError: notifyError });
  const builtIn = useMutation({
    mutationFn: (on: boolean) => api(`${route}/built-in/${on ? 'enable' : 'disable'}`, { method: 'POST' }),
    onSuccess: refresh,
    onError: notifyError,
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="xs">
        {t('kb.metadata')}
      </Title>
      {fields.error ? (
        <QueryError error={fields.error} route={route} />
      ) : (
        <Stack gap="xs">
          <Switch label={t('kb.builtInFields')} checked={!!fields.data?.built_in_field_enabled} onChange={(e) => builtIn.mutate(e.currentTarget.checked)} />
          {!!fields.data?.doc_metadata.length && (
            <Table withTableBorder>
              <Table.Tbody>
                {fields.data.doc_metadata.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td>{f.name}</Table.Td>
                    <Table.Td>{f.type}</Table.Td>
                    <Table.Td>{t('kb.valuesCount', { count: f.count ?? 0 })}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        color="red"
                        variant="subtle"
                        onClick={() => del.mutate(f.id)}
                        aria-label={t('kb.deleteField', { name: f.name })}
                      >
                        {t('common.delete')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group align="flex-end">
            <TextInput label={t('kb.fieldName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <Select
              label={t('kb.fieldType')}
              allowDeselect={false}
              value={type}
              onChange={(v) => v && setType(v)}
              data={['string', 'number', 'time']}
              w={120}
            />
            <Button variant="light" onClick={() => add.mutate()} disabled={!name.trim()} loading={add.isPending}>
              {t('common.add')}
            </Button>
          </Group>
          {add.error && <ApiErrorAlert error={add.error} />}
        </Stack>
      )}
    </Paper>
  );
}
