import '@mantine/dropzone/styles.css';
import { ActionIcon, Alert, Badge, Button, Group, NumberInput, Paper, SegmentedControl, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorMessage, isMissingRoute } from '../api/client';
import { ApiErrorAlert } from '../components/feedback';
import { Dataset } from './api';
import { DocProgress } from './doc-progress';
import { IndexingStatus } from './progress-model';

interface Uploaded {
  key: string;
  name: string;
  size: number;
  state: 'uploading' | 'done' | 'error';
  id?: string;
  error?: string;
  code?: string;
}

type Mode = 'automatic' | 'custom' | 'hierarchical';

export interface RuleForm {
  mode: Mode;
  separator: string;
  maxTokens: number;
  overlap: number;
  removeSpaces: boolean;
  removeUrls: boolean;
  parentMode: 'paragraph' | 'full-doc';
  childSeparator: string;
  childMaxTokens: number;
}

/** Dify's `process_rule` from the form (custom and hierarchical carry the segmentation rules). */
export function processRule(f: RuleForm) {
  if (f.mode === 'automatic') return { mode: 'automatic' };
  const pre = [
    { id: 'remove_extra_spaces', enabled: f.removeSpaces },
    { id: 'remove_urls_emails', enabled: f.removeUrls },
  ];
  const segmentation = { separator: f.separator, max_tokens: f.maxTokens, chunk_overlap: f.overlap };
  if (f.mode === 'custom') return { mode: 'custom', rules: { pre_processing_rules: pre, segmentation } };
  return {
    mode: 'hierarchical',
    rules: {
      pre_processing_rules: pre,
      segmentation,
      parent_mode: f.parentMode,
      subchunk_segmentation: { separator: f.childSeparator, max_tokens: f.childMaxTokens, chunk_overlap: 0 },
    },
  };
}

const DEFAULT_RULE: RuleForm = {
  mode: 'automatic',
  separator: '\\n\\n',
  maxTokens: 500,
  overlap: 50,
  removeSpaces: true,
  removeUrls: false,
  parentMode: 'paragraph',
  childSeparator: '\\n',
  childMaxTokens: 200,
};

export default function UploadTab({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<Uploaded[]>([]);
  const [rule, setRule] = useState<RuleForm>(DEFAULT_RULE);
  const [batch, setBatch] = useState<{ id: string; names: Record<string, string> } | null>(null);
  const ready = files.filter((f) => f.state === 'done' && f.id);
  const set = (patch: Partial<RuleForm>) => setRule((r) => ({ ...r, ...patch }));
  const docForm = rule.mode === 'hierarchical' ? 'hierarchical_model' : 'text_model';

  const upload = async (list: File[]) => {
    const entries = list.map((f, i) => ({ key: `${Date.now()}-${i}-${f.name}`, name: f.name, size: f.size, state: 'uploading' as const }));
    setFiles((all) => [...all, ...entries]);
    await Promise.all(
      list.map(async (file, i) => {
        const form = new FormData();
        form.append('file', file, file.name);
        try {
          const r = await api<{ id: string }>('/console/api/files/upload', { method: 'POST', body: form });
          setFiles((all) => all.map((x) => (x.key === entries[i].key ? { ...x, state: 'done', id: r.id } : x)));
        } catch (err) {
          setFiles((all) =>
            all.map((x) =>
              x.key === entries[i].key ? { ...x, state: 'error', error: errorMessage(err), code: err instanceof ApiError ? err.code : undefined } : x,
            ),
          );
        }
      }),
    );
  };

  const estimate = useMutation({
    mutationFn: () =>
      api<{ total_segments?: number; preview?: { content: string; child_chunks?: string[] }[] }>('/console/api/datasets/indexing-estimate', {
        body: {
          info_list: { data_source_type: 'upload_file', file_info_list: { file_ids: ready.map((f) => f.id) } },
          indexing_technique: dataset.indexing_technique ?? 'high_quality',
          process_rule: processRule(rule),
          doc_form: docForm,
          doc_language: 'English',
          dataset_id: dataset.id,
        },
      }),
  });
  const commit = useMutation({
    mutationFn: () =>
      api<{ batch: string; documents: { id: string; name: string }[] }>(`/console/api/datasets/${dataset.id}/documents`, {
        body: {
          data_source: { type: 'upload_file', info_list: { data_source_type: 'upload_file', file_info_list: { file_ids: ready.map((f) => f.id) } } },
          indexing_technique: dataset.indexing_technique ?? 'high_quality',
          process_rule: processRule(rule),
          doc_form: docForm,
        },
      }),
    onSuccess: (r) => {
      setBatch({ id: r.batch, names: Object.fromEntries(r.documents.map((d) => [d.id, d.name])) });
      setFiles([]);
      estimate.reset();
    },
  });

  return (
    <Stack maw={960}>
      {batch ? (
        <BatchProgress datasetId={dataset.id} batch={batch.id} names={batch.names} onMore={() => setBatch(null)} />
      ) : (
        <>
          <Dropzone onDrop={(f) => void upload(f)} multiple data-testid="dropzone" aria-label={t('kb.dropzone')}>
            <Stack align="center" gap={4} py="lg" style={{ pointerEvents: 'none' }}>
              <Text fw={600}>{t('kb.dropHere')}</Text>
              <Text size="sm" c="dimmed">
                {t('kb.dropTypes')}
              </Text>
            </Stack>
          </Dropzone>
          {files.length > 0 && (
            <Stack gap={4} data-testid="upload-list">
              {files.map((f) => (
                <Paper key={f.key} withBorder p="xs" data-testid="upload-item" data-state={f.state}>
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="sm" truncate>
                      {f.name}{' '}
                      <Text span size="xs" c="dimmed">
                        ({Math.ceil(f.size / 1024)} KB)
                      </Text>
                    </Text>
                    <Group gap="xs" wrap="nowrap">
                      <Badge color={f.state === 'done' ? 'teal' : f.state === 'error' ? 'red' : 'blue'} variant="light">
                        {t(`kb.upload.${f.state}`)}
                      </Badge>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('chat.removeFile', { name: f.name })}
                        onClick={() => setFiles((all) => all.filter((x) => x.key !== f.key))}
                      >
                        ✕
                      </ActionIcon>
                    </Group>
                  </Group>
                  {f.error && (
                    <Text size="xs" c="red" role="alert" data-testid="upload-error">
                      {f.error}
                      {f.code && (
                        <Text span c="dimmed" ff="monospace">
                          {' '}
                          · {f.code}
                        </Text>
                      )}
                    </Text>
                  )}
                </Paper>
              ))}
            </Stack>
          )}
          <Paper withBorder p="md">
            <Stack gap="xs">
              <Title order={2} size="h5">
                {t('kb.processRule')}
              </Title>
              <SegmentedControl
                aria-label={t('kb.processRule')}
                value={rule.mode}
                onChange={(v) => set({ mode: v as Mode })}
                data={(['automatic', 'custom', 'hierarchical'] as const).map((m) => ({ value: m, label: t(`kb.rule.${m}`) }))}
              />
              <Text size="xs" c="dimmed">
                {t(`kb.ruleHelp.${rule.mode}`)}
              </Text>
              {rule.mode !== 'automatic' && (
                <>
                  <Group grow>
                    <TextInput label={t('kb.separator')} value={rule.separator} onChange={(e) => set({ separator: e.currentTarget.value })} />
                    <NumberInput label={t('kb.maxChunk')} min={50} max={4000} value={rule.maxTokens} onChange={(v) => set({ maxTokens: Number(v) || 500 })} />
                    <NumberInput label={t('kb.overlap')} min={0} max={1000} value={rule.overlap} onChange={(v) => set({ overlap: Number(v) || 0 })} />
                  </Group>
                  <Group>
                    <Switch label={t('kb.removeSpaces')} checked={rule.removeSpaces} onChange={(e) => set({ removeSpaces: e.currentTarget.checked })} />
                    <Switch label={t('kb.removeUrls')} checked={rule.removeUrls} onChange={(e) => set({ removeUrls: e.currentTarget.checked })} />
                  </Group>
                </>
              )}
              {rule.mode === 'hierarchical' && (
                <Group grow>
                  <SegmentedControl
                    aria-label={t('kb.parentMode')}
                    value={rule.parentMode}
                    onChange={(v) => set({ parentMode: v as 'paragraph' | 'full-doc' })}
                    data={[
                      { value: 'paragraph', label: t('kb.parentParagraph') },
                      { value: 'full-doc', label: t('kb.parentFullDoc') },
                    ]}
                  />
                  <TextInput label={t('kb.childSeparator')} value={rule.childSeparator} onChange={(e) => set({ childSeparator: e.currentTarget.value })} />
                  <NumberInput
                    label={t('kb.childMax')}
                    min={20}
                    max={2000}
                    value={rule.childMaxTokens}
                    onChange={(v) => set({ childMaxTokens: Number(v) || 200 })}
                  />
                </Group>
              )}
            </Stack>
          </Paper>
          <Group>
            <Button variant="default" disabled={!ready.length} loading={estimate.isPending} onClick={() => estimate.mutate()} data-testid="preview-chunks">
              {t('kb.previewChunks')}
            </Button>
            <Button
              disabled={!ready.length || files.some((f) => f.state === 'uploading')}
              loading={commit.isPending}
              onClick={() => commit.mutate()}
              data-testid="save-process"
            >
              {t('kb.saveProcess', { count: ready.length })}
            </Button>
          </Group>
          {commit.error && <ApiErrorAlert error={commit.error} />}
          {estimate.error &&
            (isMissingRoute(estimate.error) ? (
              <Alert color="gray">{t('common.notServedBody', { route: 'indexing-estimate' })}</Alert>
            ) : (
              <ApiErrorAlert error={estimate.error} />
            ))}
          {estimate.data && (
            <Paper withBorder p="md" data-testid="chunk-preview">
              <Text fw={600} mb="xs">
                {t('kb.previewTitle', { count: estimate.data.total_segments ?? estimate.data.preview?.length ?? 0 })}
              </Text>
              <Stack gap="xs">
                {(estimate.data.preview ?? []).slice(0, 10).map((c, i) => (
                  <Paper key={i} p="xs" bg="gray.0">
                    <Text size="xs" c="dimmed">
                      #{i + 1} · {t('kb.chars', { count: c.content.length })}
                    </Text>
                    <Text size="sm" lineClamp={4} style={{ whiteSpace: 'pre-wrap' }}>
                      {c.content}
                    </Text>
                    {c.child_chunks?.length ? (
                      <Text size="xs" c="dimmed">
                        {t('kb.childChunks', { count: c.child_chunks.length })}
                      </Text>
                    ) : null}
                  </Paper>
                ))}
              </Stack>
            </Paper>
          )}
        </>
      )}
    </Stack>
  );
}

function BatchProgress({ datasetId, batch, names, onMore }: { datasetId: string; batch: string; names: Record<string, string>; onMore: () => void }) {
  const { t } = useTranslation();
  const status = useQuery({
    queryKey: ['batch', datasetId, batch],
    queryFn: () => api<{ data: IndexingStatus[] }>(`/console/api/datasets/${datasetId}/batch/${batch}/indexing-status`),
    refetchInterval: (q) => (q.state.data?.data.every((d) => ['completed', 'error'].includes(d.indexing_status)) ? false : 1000),
  });
  const done = status.data?.data.every((d) => d.indexing_status === 'completed');
  return (
    <Paper withBorder p="md" data-testid="batch-progress">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h5">
            {done ? t('kb.batchDone') : t('kb.batchRunning')}
          </Title>
          <Button variant="light" size="xs" onClick={onMore}>
            {t('kb.uploadMore')}
          </Button>
        </Group>
        {status.error && <ApiErrorAlert error={status.error} />}
        {status.data?.data.map((s) => (
          <DocProgress key={s.id} datasetId={datasetId} status={s} name={names[s.id] ?? s.id} onChanged={() => void status.refetch()} />
        ))}
      </Stack>
    </Paper>
  );
}
