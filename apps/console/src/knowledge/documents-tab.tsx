import { Badge, Box, Button, Group, Menu, Paper, ScrollArea, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useCan } from '../auth/permissions';
import { ApiErrorAlert, PageLoader, notifyError } from '../components/feedback';
import { Dataset, DocumentRow } from './api';
import { DocProgress, stageColor } from './doc-progress';

const PAGE = 100;
const ROW = 64;
const IN_PROGRESS = new Set(['waiting', 'parsing', 'cleaning', 'splitting', 'indexing']);

/** All documents of a dataset, pages fetched as the list scrolls, rows virtualised (1,000s stay smooth). */
export default function DocumentsTab({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const docs = useInfiniteQuery({
    queryKey: ['documents', dataset.id, q],
    queryFn: ({ pageParam }) =>
      api<{ data: DocumentRow[]; has_more: boolean; total: number; page: number }>(`/console/api/datasets/${dataset.id}/documents`, {
        query: { page: pageParam, limit: PAGE, keyword: q || undefined },
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.has_more ? last.page + 1 : undefined),
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.data.some((d) => IN_PROGRESS.has(d.indexing_status))) ? 2000 : false),
  });
  const rows = docs.data?.pages.flatMap((p) => p.data) ?? [];
  const total = docs.data?.pages[0]?.total ?? 0;
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 8 });
  const items = virtual.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= rows.length - 20 && docs.hasNextPage && !docs.isFetchingNextPage) void docs.fetchNextPage();
  }, [last, rows.length, docs]);

  const status = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'enable' | 'disable' | 'archive' | 'un_archive' }) =>
      api(`/console/api/datasets/${dataset.id}/documents/status/${action}/batch`, { method: 'PATCH', query: { document_id: id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['documents', dataset.id] }),
    onError: notifyError,
  });

  if (docs.isLoading) return <PageLoader />;
  if (docs.error) return <ApiErrorAlert error={docs.error} />;
  return (
    <Stack>
      <Group justify="space-between">
        <TextInput w={260} aria-label={t('kb.searchDocs')} placeholder={t('kb.searchDocs')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Group>
          <Text size="sm" c="dimmed" data-testid="doc-total">
            {t('kb.docCount', { count: total })}
          </Text>
          {can.editDatasets && (
            <Button component={Link} to={`/datasets/${dataset.id}/upload`}>
              {t('kb.addFiles')}
            </Button>
          )}
        </Group>
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('kb.noDocs')}</Text>
      ) : (
        <Paper withBorder>
          <Group px="sm" py={6} bg="gray.0" gap="sm" wrap="nowrap" aria-hidden>
            <Text size="xs" fw={600} flex={1}>
              {t('kb.document')}
            </Text>
            <Text size="xs" fw={600} w={90}>
              {t('kb.words')}
            </Text>
            <Text size="xs" fw={600} w={60}>
              {t('kb.hits')}
            </Text>
            <Text size="xs" fw={600} w={150}>
              {t('kb.status')}
            </Text>
          </Group>
          <ScrollArea.Autosize mah="calc(100vh - 300px)" viewportRef={parent} data-testid="documents-scroll">
            <Box h={virtual.getTotalSize()} pos="relative" role="list" aria-label={t('kb.documents')}>
              {items.map((v) => {
                const d = rows[v.index];
                const busy = IN_PROGRESS.has(d.indexing_status) || d.indexing_status === 'paused' || d.indexing_status === 'error';
                return (
                  <Box
                    key={d.id}
                    className="virtual-row"
                    top={v.start}
                    h={ROW}
                    px="sm"
                    py={6}
                    role="listitem"
                    data-testid="document-row"
                    style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                  >
                    {busy ? (
                      <DocProgress datasetId={dataset.id} status={d} name={d.name} />
                    ) : (
                      <Group gap="sm" wrap="nowrap" h="100%">
                        <Text size="sm" flex={1} truncate component={Link} to={`/datasets/${dataset.id}/documents/${d.id}`} c="blue.8">
                          {d.name}
                        </Text>
                        <Text size="xs" w={90}>
                          {d.word_count ?? d.character_count ?? 0}
                        </Text>
                        <Text size="xs" w={60}>
                          {d.hit_count ?? 0}
                        </Text>
                        <Group w={150} gap={6} wrap="nowrap">
                          <Badge size="sm" variant="light" color={d.archived ? 'gray' : stageColor(d.indexing_status)}>
                            {d.archived ? t('kb.archived') : t(`kb.stage.${d.indexing_status}`, { defaultValue: d.indexing_status })}
                          </Badge>
                          {can.editDatasets && (
                            <>
                              <Switch
                                size="xs"
                                aria-label={t('kb.enableNamed', { name: d.name })}
                                checked={d.enabled}
                                disabled={d.archived}
                                onChange={(e) => status.mutate({ id: d.id, action: e.currentTarget.checked ? 'enable' : 'disable' })}
                              />
                              <Menu position="bottom-end">
                                <Menu.Target>
                                  <Button size="compact-xs" variant="subtle" aria-label={t('kb.moreFor', { name: d.name })}>
                                    ⋯
                                  </Button>
                                </Menu.Target>
                                <Menu.Dropdown>
                                  <Menu.Item onClick={() => status.mutate({ id: d.id, action: d.archived ? 'un_archive' : 'archive' })}>
                                    {d.archived ? t('kb.unarchive') : t('kb.archive')}
                                  </Menu.Item>
                                  <Menu.Item
                                    color="red"
                                    onClick={() =>
                                      api(`/console/api/datasets/${dataset.id}/documents/${d.id}`, { method: 'DELETE' }).then(
                                        () => qc.invalidateQueries({ queryKey: ['documents', dataset.id] }),
                                        notifyError,
                                      )
                                    }
                                  >
                                    {t('common.delete')}
                                  </Menu.Item>
                                </Menu.Dropdown>
                              </Menu>
                            </>
                          )}
                        </Group>
                      </Group>
                    )}
                  </Box>
                );
              })}
            </Box>
          </ScrollArea.Autosize>
        </Paper>
      )}
    </Stack>
  );
}
