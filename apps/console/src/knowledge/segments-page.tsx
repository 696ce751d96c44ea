import { Badge, Box, Button, Group, Modal, Paper, ScrollArea, SegmentedControl, Stack, Switch, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useCan } from '../auth/permissions';
import { ApiErrorAlert, PageLoader, notifyError } from '../components/feedback';
import { QueryError } from '../components/missing-route';
import { Dataset, DocumentRow } from './api';

interface Segment {
  id: string;
  position: number;
  content: string;
  answer?: string | null;
  word_count?: number;
  hit_count?: number;
  keywords?: string[];
  enabled: boolean;
  child_chunks?: { id: string; content: string; position?: number }[];
}

const PAGE = 100;

/** One document's chunks: searched server-side, fetched page by page while scrolling, rows virtualised (10,000s stay smooth). */
export default function SegmentsPage({ dataset, documentId }: { dataset: Dataset; documentId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [enabled, setEnabled] = useState('all');
  const [q] = useDebouncedValue(search, 300);
  const [editing, setEditing] = useState<Segment | 'new' | null>(null);
  const base = `/console/api/datasets/${dataset.id}/documents/${documentId}`;
  const doc = useQuery({ queryKey: ['document', documentId], queryFn: () => api<DocumentRow>(base) });
  const segs = useInfiniteQuery({
    queryKey: ['segments', documentId, q, enabled],
    queryFn: ({ pageParam }) =>
      api<{ data: Segment[]; has_more: boolean; total: number; page: number }>(`${base}/segments`, {
        query: { page: pageParam, limit: PAGE, keyword: q || undefined, enabled },
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.has_more ? last.page + 1 : undefined),
  });
  const rows = segs.data?.pages.flatMap((p) => p.data) ?? [];
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 96,
    overscan: 6,
    measureElement: (el) => el.getBoundingClientRect().height,
  });
  const items = virtual.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= rows.length - 30 && segs.hasNextPage && !segs.isFetchingNextPage) void segs.fetchNextPage();
  }, [last, rows.length, segs]);
  const refresh = () => qc.invalidateQueries({ queryKey: ['segments', documentId] });
  const toggle = useMutation({
    mutationFn: (s: Segment) => api(`${base}/segment/${s.enabled ? 'disable' : 'enable'}`, { method: 'PATCH', query: { segment_id: s.id } }),
    onSuccess: refresh,
    onError: notifyError,
  });
  const remove = useMutation({
    mutationFn: (s: Segment) => api(`${base}/segments`, { method: 'DELETE', query: { segment_id: s.id } }),
    onSuccess: refresh,
    onError: notifyError,
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="xs">
          <Text component={Link} to={`/datasets/${dataset.id}/documents`} size="sm" c="dimmed">
            {t('kb.documents')}
          </Text>
          <Text c="dimmed">/</Text>
          <Text fw={600}>{doc.data?.name ?? '…'}</Text>
        </Group>
        <Text size="sm" c="dimmed" data-testid="segment-total">
          {t('kb.segmentCount', { count: segs.data?.pages[0]?.total ?? 0 })}
        </Text>
      </Group>
      <Group>
        <TextInput
          w={260}
          aria-label={t('kb.searchSegments')}
          placeholder={t('kb.searchSegments')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <SegmentedControl
          aria-label={t('kb.status')}
          value={enabled}
          onChange={setEnabled}
          data={[
            { value: 'all', label: t('apps.modes.all') },
            { value: 'true', label: t('common.enabled') },
            { value: 'false', label: t('common.disabled') },
          ]}
        />
        {can.editDatasets && (
          <Button variant="light" onClick={() => setEditing('new')}>
            {t('kb.addSegment')}
          </Button>
        )}
      </Group>
      {segs.isLoading ? (
        <PageLoader />
      ) : segs.error ? (
        <QueryError error={segs.error} route="segments" />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t('kb.noSegments')}</Text>
      ) : (
        <ScrollArea.Autosize mah="calc(100vh - 300px)" viewportRef={parent} data-testid="segments-scroll">
          <Box h={virtual.getTotalSize()} pos="relative" role="list" aria-label={t('kb.segments')}>
            {items.map((v) => {
              const s = rows[v.index];
              return (
                <Box
                  key={s.id}
                  data-index={v.index}
                  ref={virtual.measureElement}
                  className="virtual-row"
                  top={v.start}
                  pb={6}
                  role="listitem"
                  data-testid="segment-row"
                >
                  <Paper withBorder p="xs">
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Group gap={6}>
                        <Badge size="xs" variant="default">
                          #{s.position}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {t('kb.chars', { count: s.word_count ?? s.content.length })} · {t('kb.hitCount', { count: s.hit_count ?? 0 })}
                        </Text>
                        {s.keywords?.slice(0, 5).map((k) => (
                          <Badge key={k} size="xs" variant="light">
                            {k}
                          </Badge>
                        ))}
                      </Group>
                      {can.editDatasets && (
                        <Group gap={4} wrap="nowrap">
                          <Switch size="xs" aria-label={t('kb.enableSegment', { n: s.position })} checked={s.enabled} onChange={() => toggle.mutate(s)} />
                          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(s)}>
                            {t('common.edit')}
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => remove.mutate(s)}
                            aria-label={t('kb.deleteSegment', { n: s.position })}
                          >
                            {t('common.delete')}
                          </Button>
                        </Group>
                      )}
                    </Group>
                    <Text size="sm" lineClamp={3} mt={4}>
                      {s.content}
                    </Text>
                    {s.answer && (
                      <Text size="sm" c="dimmed" lineClamp={2}>
                        A: {s.answer}
                      </Text>
                    )}
                    {!!s.child_chunks?.length && (
                      <Text size="xs" c="dimmed" mt={2}>
                        {t('kb.childChunks', { count: s.child_chunks.length })}
                      </Text>
                    )}
                  </Paper>
                </Box>
              );
            })}
          </Box>
        </ScrollArea.Autosize>
      )}
      {editing && (
        <SegmentEditor
          base={base}
          segment={editing === 'new' ? null : editing}
          qa={dataset.doc_form === 'qa_model'}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
    </Stack>
  );
}

function SegmentEditor({
  base,
  segment,
  qa,
  onClose,
  onSaved,
}: {
  base: string;
  segment: Segment | null;
  qa: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [content, setContent] = useState(segment?.content ?? '');
  const [answer, setAnswer] = useState(segment?.answer ?? '');
  const [keywords, setKeywords] = useState<string[]>(segment?.keywords ?? []);
  const [child, setChild] = useState('');
  const children = useQuery({
    queryKey: ['child-chunks', segment?.id],
    queryFn: () => api<{ data: { id: string; content: string }[] }>(`${base}/segments/${segment!.id}/child_chunks`, { query: { limit: 100 } }),
    enabled: !!segment,
  });
  const save = useMutation({
    mutationFn: () =>
      segment
        ? api(`${base}/segments/${segment.id}`, { method: 'PATCH', body: { content, answer: qa ? answer : undefined, keywords } })
        : api(`${base}/segment`, { body: { content, answer: qa ? answer : undefined, keywords } }),
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  const addChild = useMutation({
    mutationFn: () => api(`${base}/segments/${segment!.id}/child_chunks`, { body: { content: child } }),
    onSuccess: () => {
      setChild('');
      void children.refetch();
    },
  });
  return (
    <Modal opened onClose={onClose} title={segment ? t('kb.editSegment', { n: segment.position }) : t('kb.addSegment')} size="lg">
      <Stack>
        <Textarea
          label={qa ? t('kb.question') : t('kb.content')}
          autosize
          minRows={5}
          maxRows={14}
          value={content}
          onChange={(e) => setContent(e.currentTarget.value)}
          data-autofocus
        />
        {qa && <Textarea label={t('kb.answer')} autosize minRows={3} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} />}
        <TagsInput label={t('kb.keywords')} value={keywords} onChange={setKeywords} />
        {save.error && <ApiErrorAlert error={save.error} />}
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!content.trim()}>
          {t('common.save')}
        </Button>
        {segment && (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('kb.childChunksTitle')}
            </Text>
            {children.error && <QueryError error={children.error} route="child_chunks" />}
            {children.data?.data.map((c) => (
              <Paper key={c.id} p="xs" bg="gray.0">
                <Text size="xs">{c.content}</Text>
              </Paper>
            ))}
            <Group align="flex-end">
              <TextInput flex={1} label={t('kb.newChild')} value={child} onChange={(e) => setChild(e.currentTarget.value)} />
              <Button variant="light" onClick={() => addChild.mutate()} disabled={!child.trim()} loading={addChild.isPending}>
                {t('common.add')}
              </Button>
            </Group>
            {addChild.error && <ApiErrorAlert error={addChild.error} />}
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
