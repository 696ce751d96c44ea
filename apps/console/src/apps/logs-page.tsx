import { Badge, Code, Drawer, Group, Pagination, Paper, ScrollArea, Stack, Table, Text, Timeline } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { PageLoader } from '../components/feedback';
import { QueryError } from '../components/missing-route';
import { AppInfo, isWorkflowMode } from './api';

const LIMIT = 20;
const when = (s?: number) => (s ? new Date(s * 1000).toLocaleString() : '');

interface ConversationRow {
  id: string;
  name?: string;
  summary?: string;
  message_count?: number;
  created_at: number;
  user_feedback_stats?: { like: number; dislike: number };
}
interface MessageRow {
  id: string;
  query: string;
  answer: string;
  message_tokens?: number;
  answer_tokens?: number;
  provider_response_latency?: number;
  feedbacks?: { rating: string }[];
  created_at: number;
}
interface RunLog {
  id: string;
  workflow_run: { id: string; status: string; error?: string | null; elapsed_time?: number; total_tokens?: number; total_steps?: number; created_at?: number };
  created_from?: string;
  created_at: number;
}
interface NodeExecution {
  id: string;
  node_id: string;
  node_type: string;
  title: string;
  status: string;
  inputs?: unknown;
  outputs?: unknown;
  error?: string | null;
  elapsed_time?: number;
}

export const statusColor = (s: string) =>
  s === 'succeeded' ? 'teal' : s === 'failed' ? 'red' : s === 'running' ? 'blue' : s === 'stopped' ? 'gray' : 'yellow';

export default function LogsPage({ app }: { app: AppInfo }) {
  return isWorkflowMode(app.mode) && app.mode === 'workflow' ? <WorkflowLogs app={app} /> : <ConversationLogs app={app} />;
}

function ConversationLogs({ app }: { app: AppInfo }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<ConversationRow | null>(null);
  const route = `/console/api/apps/${app.id}/${app.mode === 'completion' ? 'completion' : 'chat'}-conversations`;
  const list = useQuery({
    queryKey: ['logs', app.id, page],
    queryFn: () => api<{ data: ConversationRow[]; total: number }>(route, { query: { page, limit: LIMIT } }),
    placeholderData: keepPreviousData,
  });
  const msgs = useQuery({
    queryKey: ['log-messages', app.id, open?.id],
    queryFn: () => api<{ data: MessageRow[] }>(`/console/api/apps/${app.id}/chat-messages`, { query: { conversation_id: open!.id, limit: 100 } }),
    enabled: !!open,
  });
  if (list.isLoading) return <PageLoader />;
  if (list.error) return <QueryError error={list.error} route={route} />;
  return (
    <Stack>
      {list.data?.data.length === 0 && <Text c="dimmed">{t('logs.empty')}</Text>}
      {!!list.data?.data.length && (
        <Table striped highlightOnHover withTableBorder data-testid="conversation-logs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('logs.conversation')}</Table.Th>
              <Table.Th>{t('logs.messages')}</Table.Th>
              <Table.Th>{t('logs.feedback')}</Table.Th>
              <Table.Th>{t('logs.time')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.data.map((c) => (
              <Table.Tr key={c.id} onClick={() => setOpen(c)} onKeyDown={(e) => e.key === 'Enter' && setOpen(c)} tabIndex={0} style={{ cursor: 'pointer' }}>
                <Table.Td>{c.name || c.summary || c.id.slice(0, 8)}</Table.Td>
                <Table.Td>{c.message_count ?? '—'}</Table.Td>
                <Table.Td>{c.user_feedback_stats ? `👍 ${c.user_feedback_stats.like} · 👎 ${c.user_feedback_stats.dislike}` : '—'}</Table.Td>
                <Table.Td>{when(c.created_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {(list.data?.total ?? 0) > LIMIT && <Pagination total={Math.ceil(list.data!.total / LIMIT)} value={page} onChange={setPage} />}
      <Drawer opened={!!open} onClose={() => setOpen(null)} position="right" size="lg" title={open?.name || t('logs.conversation')}>
        {msgs.isLoading ? (
          <PageLoader />
        ) : msgs.error ? (
          <QueryError error={msgs.error} />
        ) : (
          <Stack>
            {msgs.data?.data.map((m) => (
              <Paper key={m.id} withBorder p="sm">
                <Text size="sm" fw={600}>
                  {m.query}
                </Text>
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  {m.answer}
                </Text>
                <Group gap="xs" mt={6}>
                  <Badge variant="light" size="xs">
                    {t('chat.tokens', { count: (m.message_tokens ?? 0) + (m.answer_tokens ?? 0) })}
                  </Badge>
                  {m.provider_response_latency !== undefined && (
                    <Badge variant="light" size="xs">
                      {t('chat.latency', { seconds: m.provider_response_latency.toFixed(2) })}
                    </Badge>
                  )}
                  {m.feedbacks?.map((f, i) => (
                    <Badge key={i} size="xs" color={f.rating === 'like' ? 'teal' : 'red'}>
                      {f.rating === 'like' ? t('chat.like') : t('chat.dislike')}
                    </Badge>
                  ))}
                  <Text size="xs" c="dimmed">
                    {when(m.created_at)}
                  </Text>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Drawer>
    </Stack>
  );
}

function WorkflowLogs({ app }: { app: AppInfo }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<RunLog | null>(null);
  const route = `/console/api/apps/${app.id}/workflow-app-logs`;
  const list = useQuery({
    queryKey: ['wf-logs', app.id, page],
    queryFn: () => api<{ data: RunLog[]; total: number }>(route, { query: { page, limit: LIMIT } }),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
  if (list.isLoading) return <PageLoader />;
  if (list.error) return <QueryError error={list.error} route={route} />;
  return (
    <Stack>
      {list.data?.data.length === 0 && <Text c="dimmed">{t('logs.empty')}</Text>}
      {!!list.data?.data.length && (
        <Table striped highlightOnHover withTableBorder data-testid="workflow-logs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('logs.run')}</Table.Th>
              <Table.Th>{t('logs.status')}</Table.Th>
              <Table.Th>{t('logs.elapsed')}</Table.Th>
              <Table.Th>{t('logs.tokens')}</Table.Th>
              <Table.Th>{t('logs.time')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.data.map((r) => (
              <Table.Tr
                key={r.id}
                onClick={() => setOpen(r)}
                onKeyDown={(e) => e.key === 'Enter' && setOpen(r)}
                tabIndex={0}
                style={{ cursor: 'pointer' }}
                data-testid="run-row"
              >
                <Table.Td>
                  <Code>{r.workflow_run.id.slice(0, 8)}</Code>
                </Table.Td>
                <Table.Td>
                  <Badge color={statusColor(r.workflow_run.status)}>{t(`run.status.${r.workflow_run.status}`, { defaultValue: r.workflow_run.status })}</Badge>
                </Table.Td>
                <Table.Td>{r.workflow_run.elapsed_time?.toFixed(2) ?? '—'}s</Table.Td>
                <Table.Td>{r.workflow_run.total_tokens ?? 0}</Table.Td>
                <Table.Td>{when(r.created_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {(list.data?.total ?? 0) > LIMIT && <Pagination total={Math.ceil(list.data!.total / LIMIT)} value={page} onChange={setPage} />}
      <Drawer opened={!!open} onClose={() => setOpen(null)} position="right" size="lg" title={t('logs.runDetail')}>
        {open && <RunNodes app={app} runId={open.workflow_run.id} error={open.workflow_run.error} />}
      </Drawer>
    </Stack>
  );
}

export function RunNodes({ app, runId, error }: { app: AppInfo; runId: string; error?: string | null }) {
  const { t } = useTranslation();
  const route = `/console/api/apps/${app.id}/workflow-runs/${runId}/node-executions`;
  const nodes = useQuery({ queryKey: ['run-nodes', runId], queryFn: () => api<{ data: NodeExecution[] }>(route) });
  if (nodes.isLoading) return <PageLoader />;
  if (nodes.error) return <QueryError error={nodes.error} route={route} />;
  return (
    <ScrollArea>
      {error && (
        <Text c="red" size="sm" mb="sm" role="alert">
          {error}
        </Text>
      )}
      <Timeline bulletSize={14} lineWidth={2} data-testid="run-nodes">
        {nodes.data?.data.map((n) => (
          <Timeline.Item key={n.id} color={statusColor(n.status)} title={`${n.title} · ${n.node_type}`}>
            <Group gap="xs">
              <Badge size="xs" color={statusColor(n.status)}>
                {t(`run.status.${n.status}`, { defaultValue: n.status })}
              </Badge>
              <Text size="xs" c="dimmed">
                {n.elapsed_time !== undefined ? `${n.elapsed_time.toFixed(3)}s` : ''}
              </Text>
            </Group>
            {n.error && (
              <Text size="xs" c="red">
                {n.error}
              </Text>
            )}
            <Text size="xs" fw={600} mt={4}>
              {t('run.inputs')}
            </Text>
            <Code block>{JSON.stringify(n.inputs ?? {}, null, 2)}</Code>
            <Text size="xs" fw={600} mt={4}>
              {t('run.outputs')}
            </Text>
            <Code block>{JSON.stringify(n.outputs ?? {}, null, 2)}</Code>
          </Timeline.Item>
        ))}
      </Timeline>
    </ScrollArea>
  );
}
