import { Badge, Progress as Bar, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { notifyError } from '../components/feedback';
import { IndexingStatus, Progress, formatElapsed, progressOf } from './progress-model';

export const stageColor = (stage: string) =>
  stage === 'completed' ? 'teal' : stage === 'error' ? 'red' : stage === 'paused' ? 'gray' : stage === 'waiting' ? 'yellow' : 'blue';

/** Ticks once a second so elapsed time moves between polls. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now() / 1000);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now() / 1000), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

/** One document's live progress: stage, bar, segments, elapsed time, and what can be done now. */
export function DocProgress({ datasetId, status, name, onChanged }: { datasetId: string; status: IndexingStatus; name: string; onChanged?: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const prev = useRef<Progress | undefined>(undefined);
  const active = !['completed', 'error', 'paused'].includes(status.indexing_status);
  const now = useNow(active);
  const p = progressOf(status, now, prev.current);
  prev.current = p;
  const act = useMutation({
    mutationFn: (action: 'pause' | 'resume' | 'retry' | 'delete') =>
      action === 'retry'
        ? api(`/console/api/datasets/${datasetId}/retry`, { body: { document_ids: [status.id] } })
        : action === 'delete'
          ? api(`/console/api/datasets/${datasetId}/documents/${status.id}`, { method: 'DELETE' })
          : api(`/console/api/datasets/${datasetId}/documents/${status.id}/processing/${action}`, { method: 'PATCH' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['documents', datasetId] });
      onChanged?.();
    },
    onError: notifyError,
  });
  return (
    <Stack gap={4} data-testid="doc-progress" data-name={name} data-stage={p.stage} data-percent={p.percent}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500} truncate>
          {name}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Badge color={stageColor(p.stage)} variant="light" data-testid="doc-stage">
            {t(`kb.stage.${p.stage}`)}
          </Badge>
          <Text size="xs" c="dimmed" w={60} ta="right">
            {formatElapsed(p.elapsedSeconds)}
          </Text>
        </Group>
      </Group>
      <Bar value={p.percent} color={stageColor(p.stage)} animated={p.active} aria-label={t('kb.progressOf', { name })} />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {p.segments ? t('kb.segmentsDone', { done: p.segments.done, total: p.segments.total }) : `${p.percent}%`}
        </Text>
        <Group gap={4}>
          {p.canPause && (
            <Button size="compact-xs" variant="subtle" onClick={() => act.mutate('pause')} loading={act.isPending}>
              {t('kb.pause')}
            </Button>
          )}
          {p.canResume && (
            <Button size="compact-xs" variant="subtle" onClick={() => act.mutate('resume')} loading={act.isPending}>
              {t('kb.resume')}
            </Button>
          )}
          {p.canRetry && (
            <Button size="compact-xs" variant="subtle" onClick={() => act.mutate('retry')} loading={act.isPending}>
              {t('kb.retry')}
            </Button>
          )}
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => act.mutate('delete')}
            loading={act.isPending}
            aria-label={t('kb.deleteNamed', { name })}
          >
            {t('common.delete')}
          </Button>
        </Group>
      </Group>
      {p.error && (
        <Text size="xs" c="red" role="alert">
          {p.error}
        </Text>
      )}
    </Stack>
  );
}
