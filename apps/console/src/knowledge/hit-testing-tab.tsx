import { Badge, Button, Group, NumberInput, Paper, Select, Stack, Switch, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiErrorAlert } from '../components/feedback';
import { Dataset, RetrievalModel, SEARCH_METHODS, defaultRetrieval } from './api';

interface HitRecord {
  score: number | null;
  segment: { id: string; content: string; answer?: string | null; position?: number; document?: { id: string; name: string } };
}

/** Retrieval test: what a query finds in this dataset, with scores and where each chunk comes from. */
export default function HitTestingTab({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [rm, setRm] = useState<RetrievalModel>(() => ({ ...defaultRetrieval(), ...(dataset.retrieval_model_dict ?? dataset.retrieval_model ?? {}) }));
  const run = useMutation({
    mutationFn: () => api<{ records: HitRecord[] }>(`/console/api/datasets/${dataset.id}/hit-testing`, { body: { query, retrieval_model: rm } }),
  });
  return (
    <Stack maw={900}>
      <Paper withBorder p="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate();
          }}
        >
          <Stack gap="xs">
            <Textarea label={t('kb.testQuery')} autosize minRows={2} value={query} onChange={(e) => setQuery(e.currentTarget.value)} required />
            <Group grow align="flex-end">
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
                disabled={!rm.score_threshold_enabled}
                value={rm.score_threshold ?? 0}
                onChange={(v) => setRm({ ...rm, score_threshold: Number(v) })}
              />
            </Group>
            <Group>
              <Switch
                label={t('kb.useThreshold')}
                checked={rm.score_threshold_enabled}
                onChange={(e) => setRm({ ...rm, score_threshold_enabled: e.currentTarget.checked })}
              />
              <Switch label={t('config.rerank')} checked={rm.reranking_enable} onChange={(e) => setRm({ ...rm, reranking_enable: e.currentTarget.checked })} />
            </Group>
            <Button type="submit" loading={run.isPending} disabled={!query.trim()} w="fit-content" data-testid="run-hit-test">
              {t('kb.test')}
            </Button>
          </Stack>
        </form>
      </Paper>
      {run.error && <ApiErrorAlert error={run.error} />}
      {run.data && (
        <Stack gap="xs" data-testid="hit-results">
          <Text size="sm" c="dimmed">
            {t('kb.results', { count: run.data.records.length })}
          </Text>
          {run.data.records.map((r, i) => (
            <Paper key={`${r.segment.id}-${i}`} withBorder p="sm" data-testid="hit-record">
              <Group justify="space-between">
                <Text size="xs" fw={600}>
                  {r.segment.document?.name ?? ''} {r.segment.position !== undefined ? `· #${r.segment.position}` : ''}
                </Text>
                <Badge variant="light" data-testid="hit-score">
                  {t('chat.score', { score: (r.score ?? 0).toFixed(3) })}
                </Badge>
              </Group>
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
                {r.segment.content}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
