import '@xyflow/react/dist/style.css';
import { Alert, Badge, Box, Button, Code, Drawer, Group, Modal, Paper, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Background,
  Connection,
  Controls,
  Edge,
  MiniMap,
  Node,
  ReactFlow,
  ReactFlowProvider,
  addEdge,
  useEdgesState,
  useNodesState,
  useReactFlow,
} from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, isMissingRoute, stream } from '../api/client';
import { AppInfo } from '../apps/api';
import { statusColor } from '../apps/logs-page';
import { ApiErrorAlert, PageLoader, notifyError, notifySuccess } from '../components/feedback';
import { fitContainers, fromFlow, toFlow } from './flow-mapping';
import { FlowNode, FlowNodeData } from './flow-node';
import {
  DifyEdge,
  DifyGraph,
  DifyNode,
  NODE_TYPES,
  NodeType,
  containerSizes,
  containerStart,
  edgeId,
  isContainer,
  newNode,
  pruneEdges,
  variableOptions,
} from './graph';
import { NodePanel } from './node-panel';

interface Draft {
  graph: DifyGraph;
  features?: Record<string, unknown>;
  environment_variables?: unknown[];
  conversation_variables?: unknown[];
  updated_at?: number;
}

const nodeTypes = { custom: FlowNode };
const PALETTE: NodeType[] = [
  'llm',
  'knowledge-retrieval',
  'if-else',
  'question-classifier',
  'code',
  'template-transform',
  'http-request',
  'answer',
  'end',
  'variable-aggregator',
  'parameter-extractor',
  'document-extractor',
  'list-operator',
  'iteration',
  'loop',
];

function starter(mode: string, t: (k: string) => string): DifyGraph {
  const start: DifyNode = { id: 'start', type: 'custom', position: { x: 80, y: 200 }, data: { type: 'start', title: t('wf.types.start'), variables: [] } };
  return { nodes: [start], edges: [], viewport: { x: 0, y: 0, zoom: 1 } };
}

export default function WorkflowPage({ app }: { app: AppInfo }) {
  const { t } = useTranslation();
  const draft = useQuery({
    queryKey: ['draft', app.id],
    queryFn: async () => {
      try {
        return await api<Draft>(`/console/api/apps/${app.id}/workflows/draft`);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404 && !isMissingRoute(err)) return { graph: starter(app.mode, t) } as Draft;
        throw err;
      }
    },
    staleTime: Infinity,
  });
  if (draft.isLoading) return <PageLoader />;
  if (draft.error || !draft.data) return <ApiErrorAlert error={draft.error} />;
  return (
    <ReactFlowProvider>
      <Editor app={app} draft={draft.data} />
    </ReactFlowProvider>
  );
}

type RunNode = { status: string; inputs?: unknown; outputs?: unknown; error?: string; elapsed_time?: number; title?: string; node_type?: string };

function Editor({ app, draft }: { app: AppInfo; draft: Draft }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const flow = useReactFlow();
  const initial = useMemo(() => toFlow(draft.graph?.nodes ? draft.graph : starter(app.mode, t)), [draft, app.mode, t]);
  const [nodes, setNodes, onNodesChange] = useNodesState<Node<FlowNodeData>>(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>(initial.edges);
  const [selected, setSelected] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [invalid, setInvalid] = useState<{ node?: string; message: string } | null>(null);
  const [runOpen, setRunOpen] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [dslOpen, setDslOpen] = useState<string | null>(null);
  const [run, setRun] = useState<{ nodes: Record<string, RunNode>; order: string[]; status?: string; outputs?: unknown; error?: string; running: boolean }>({
    nodes: {},
    order: [],
    running: false,
  });
  const graph = useMemo(() => fromFlow(nodes, edges, draft.graph ?? { nodes: [], edges: [] }), [nodes, edges, draft.graph]);
  const selectedNode = graph.nodes.find((n) => n.id === selected) ?? null;
  const options = useMemo(() => (selected ? variableOptions(graph, selected) : []), [graph, selected]);
  const startVars =
    (graph.nodes.find((n) => n.data.type === 'start')?.data.variables as { variable: string; label?: string; required?: boolean }[] | undefined) ?? [];

  const shownNodes = useMemo(
    () => nodes.map((n) => ({ ...n, data: { ...n.data, runStatus: run.nodes[n.id]?.status, invalid: invalid?.node === n.id ? invalid.message : undefined } })),
    [nodes, run.nodes, invalid],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target || c.source === c.target) return;
      setEdges((es) =>
        addEdge(
          { ...c, id: edgeId(c.source, c.sourceHandle ?? 'source', c.target), targetHandle: 'target' },
          es.filter((e) => !(e.source === c.source && (e.sourceHandle ?? 'source') === (c.sourceHandle ?? 'source') && e.target === c.target)),
        ),
      );
      setDirty(true);
    },
    [setEdges],
  );

  const addNode = (type: NodeType) => {
    // Appended to the right of the selected node (or of the graph), where it does not cover another one.
    const anchor = nodes.find((n) => n.id === selected) ?? nodes.reduce<Node<FlowNodeData> | null>((a, n) => (!a || n.position.x > a.position.x ? n : a), null);
    // Next to a node inside an iteration or loop, the new node joins that body.
    const inside = anchor?.parentId;
    const siblings = nodes.filter((n) => n.parentId === inside);
    const x = (anchor?.position.x ?? 0) + 280;
    let y = anchor?.position.y ?? 120;
    while (siblings.some((n) => Math.abs(n.position.x - x) < 200 && Math.abs(n.position.y - y) < 110)) y += 130;
    const taken = new Set(nodes.map((n) => n.id));
    const n = newNode(type, { x, y }, taken, t(`wf.types.${type}`));
    if (inside) {
      setNodes((ns) => fitContainers([...ns, { id: n.id, type: 'custom', parentId: inside, extent: 'parent', position: n.position!, data: { dify: n.data } }]));
    } else if (isContainer(type)) {
      const start = containerStart(n, t(`wf.types.${type}-start`));
      n.data.start_node_id = start.id;
      const box = containerSizes({ nodes: [n, start], edges: [] }).get(n.id)!;
      setNodes((ns) => [
        ...ns,
        { id: n.id, type: 'custom', position: n.position!, data: { dify: n.data, container: box }, style: { width: box.width, height: box.height } },
        { id: start.id, type: 'custom', parentId: n.id, extent: 'parent', position: start.position!, data: { dify: start.data } },
      ]);
    } else setNodes((ns) => [...ns, { id: n.id, type: 'custom', position: n.position!, data: { dify: n.data } }]);
    setSelected(n.id);
    setDirty(true);
    setTimeout(() => void flow.fitView({ maxZoom: 1, duration: 0 }), 50);
  };

  const updateNode = (id: string, data: DifyNode['data']) => {
    setNodes((ns) => ns.map((n) => (n.id === id ? { ...n, data: { ...n.data, dify: data } } : n)));
    // a removed branch takes its edges with it
    setEdges((es) => {
      const next = pruneEdges(
        graph.nodes.map((n) => (n.id === id ? { ...n, data } : n)),
        es.map((e) => ({ ...e, sourceHandle: e.sourceHandle ?? 'source' })) as DifyEdge[],
      );
      return es.filter((e) => next.some((x) => x.id === e.id));
    });
    setDirty(true);
  };

  const deleteNode = (id: string) => {
    setNodes((ns) => ns.filter((n) => n.id !== id));
    setEdges((es) => es.filter((e) => e.source !== id && e.target !== id));
    setSelected(null);
    setDirty(true);
  };

  const save = useMutation({
    mutationFn: () =>
      api(`/console/api/apps/${app.id}/workflows/draft`, {
        body: {
          graph,
          features: draft.features ?? {},
          environment_variables: draft.environment_variables ?? [],
          conversation_variables: draft.conversation_variables ?? [],
        },
      }),
    onSuccess: () => {
      setDirty(false);
      setInvalid(null);
      notifySuccess(t('wf.saved'));
    },
    onError: (err) => {
      const at = err instanceof ApiError ? /^graph\.nodes\.(.+)$/.exec(err.params ?? '')?.[1] : undefined;
      setInvalid({ node: at, message: err.message });
      if (at) setSelected(at);
    },
  });
  const publish = useMutation({
    mutationFn: async () => {
      if (dirty) await save.mutateAsync();
      return api(`/console/api/apps/${app.id}/workflows/publish`, { method: 'POST' });
    },
    onSuccess: () => {
      notifySuccess(t('wf.published'));
      void qc.invalidateQueries({ queryKey: ['versions', app.id] });
    },
    onError: notifyError,
  });
  const exportDsl = useMutation({
    mutationFn: () => api<{ data: string }>(`/console/api/apps/${app.id}/export`),
    onSuccess: (r) => setDslOpen(r.data),
    onError: notifyError,
  });

  const startRun = async (inputs: Record<string, unknown>, query: string) => {
    if (dirty) await save.mutateAsync().catch(() => undefined);
    setRun({ nodes: {}, order: [], running: true });
    const path =
      app.mode === 'advanced-chat' ? `/console/api/apps/${app.id}/advanced-chat/workflows/draft/run` : `/console/api/apps/${app.id}/workflows/draft/run`;
    try {
      await stream(path, { body: { inputs, query: app.mode === 'advanced-chat' ? query : undefined, response_mode: 'streaming' } }, (e) => {
        const data = (e.data ?? {}) as RunNode & { node_id?: string; status?: string; outputs?: unknown; error?: string };
        if (e.event === 'node_started' && data.node_id) {
          const id = data.node_id;
          setRun((r) => ({ ...r, order: r.order.includes(id) ? r.order : [...r.order, id], nodes: { ...r.nodes, [id]: { ...data, status: 'running' } } }));
        } else if ((e.event === 'node_finished' || e.event === 'node_retry') && data.node_id) {
          const id = data.node_id;
          setRun((r) => ({
            ...r,
            order: r.order.includes(id) ? r.order : [...r.order, id],
            nodes: { ...r.nodes, [id]: { ...r.nodes[id], ...data, status: data.status ?? 'succeeded' } },
          }));
        } else if (e.event === 'workflow_finished') {
          setRun((r) => ({ ...r, status: data.status, outputs: data.outputs, error: data.error ?? undefined }));
        } else if (e.event === 'error') {
          setRun((r) => ({ ...r, status: 'failed', error: String((e as { message?: string }).message ?? 'error') }));
        }
      });
    } catch (err) {
      setRun((r) => ({ ...r, status: 'failed', error: (err as Error).message }));
    } finally {
      setRun((r) => ({ ...r, running: false }));
    }
  };

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Group gap="xs">
          {dirty ? (
            <Badge color="orange" variant="light">
              {t('config.unsaved')}
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              {t('wf.savedBadge')}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => exportDsl.mutate()} loading={exportDsl.isPending}>
            {t('wf.exportDsl')}
          </Button>
          <Button variant="default" size="xs" onClick={() => setVersionsOpen(true)}>
            {t('wf.versions')}
          </Button>
          <Button variant="default" size="xs" onClick={() => save.mutate()} loading={save.isPending} data-testid="save-draft">
            {t('common.save')}
          </Button>
          <Button variant="light" size="xs" onClick={() => setRunOpen(true)} data-testid="run-draft">
            {t('wf.run')}
          </Button>
          <Button size="xs" onClick={() => publish.mutate()} loading={publish.isPending} data-testid="publish">
            {t('wf.publish')}
          </Button>
        </Group>
      </Group>
      {invalid && (
        <Alert color="red" role="alert" data-testid="save-error" withCloseButton onClose={() => setInvalid(null)}>
          {invalid.message}
        </Alert>
      )}
      <Group align="stretch" gap="xs" wrap="nowrap" h="calc(100vh - 230px)" mih={480}>
        <Paper withBorder p="xs" w={200} aria-label={t('wf.palette')}>
          <ScrollArea h="100%">
            <Stack gap={4}>
              <Text size="xs" fw={600} c="dimmed">
                {t('wf.palette')}
              </Text>
              {PALETTE.filter((x) => (NODE_TYPES as readonly string[]).includes(x)).map((type) => (
                <Button key={type} size="compact-sm" variant="light" justify="flex-start" onClick={() => addNode(type)} data-testid={`palette-${type}`}>
                  {t(`wf.types.${type}`)}
                </Button>
              ))}
            </Stack>
          </ScrollArea>
        </Paper>
        <Box flex={1} pos="relative" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }} data-testid="canvas">
          <ReactFlow
            nodes={shownNodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={(c) => {
              onNodesChange(c);
              if (c.some((x) => x.type === 'position' && !x.dragging) || c.some((x) => x.type === 'remove')) setDirty(true);
            }}
            onEdgesChange={(c) => {
              onEdgesChange(c);
              if (c.some((x) => x.type === 'remove')) setDirty(true);
            }}
            onConnect={onConnect}
            onNodeClick={(_, n) => setSelected(n.id)}
            onPaneClick={() => setSelected(null)}
            deleteKeyCode={['Delete', 'Backspace']}
            fitView
            fitViewOptions={{ maxZoom: 1 }}
            proOptions={{ hideAttribution: true }}
            ariaLabelConfig={{ 'node.a11yDescription.default': t('wf.nodeA11y') }}
          >
            <Background />
            <Controls />
            <MiniMap pannable zoomable ariaLabel={t('wf.minimap')} />
          </ReactFlow>
        </Box>
        {selectedNode && (
          <NodePanel
            key={selectedNode.id}
            node={selectedNode}
            options={options}
            onChange={(d) => updateNode(selectedNode.id, d)}
            onDelete={() => deleteNode(selectedNode.id)}
            onClose={() => setSelected(null)}
          />
        )}
      </Group>
      <RunDrawer
        opened={runOpen}
        onClose={() => setRunOpen(false)}
        vars={startVars}
        chat={app.mode === 'advanced-chat'}
        run={run}
        graph={graph}
        onRun={startRun}
      />
      <VersionsModal app={app} opened={versionsOpen} onClose={() => setVersionsOpen(false)} />
      <Modal opened={dslOpen !== null} onClose={() => setDslOpen(null)} title={t('wf.exportDsl')} size="xl">
        <Stack>
          <Code block mah={420} style={{ overflow: 'auto' }} data-testid="dsl-text">
            {dslOpen}
          </Code>
          <Button component="a" href={`data:text/yaml;charset=utf-8,${encodeURIComponent(dslOpen ?? '')}`} download={`${app.name}.yml`} w="fit-content">
            {t('wf.download')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}

function RunDrawer({
  opened,
  onClose,
  vars,
  chat,
  run,
  graph,
  onRun,
}: {
  opened: boolean;
  onClose: () => void;
  vars: { variable: string; label?: string; required?: boolean }[];
  chat: boolean;
  run: { nodes: Record<string, RunNode>; order: string[]; status?: string; outputs?: unknown; error?: string; running: boolean };
  graph: DifyGraph;
  onRun: (inputs: Record<string, unknown>, query: string) => void;
}) {
  const { t } = useTranslation();
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const [query, setQuery] = useState('');
  const title = (id: string) => graph.nodes.find((n) => n.id === id)?.data.title ?? id;
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="md" title={t('wf.runTitle')} data-testid="run-drawer">
      <Stack gap="xs">
        {chat && <TextInput label={t('chat.input')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} />}
        {vars.map((v) => (
          <TextInput
            key={v.variable}
            label={v.label || v.variable}
            required={v.required}
            value={inputs[v.variable] ?? ''}
            onChange={(e) => setInputs({ ...inputs, [v.variable]: e.currentTarget.value })}
          />
        ))}
        <Button onClick={() => onRun(inputs, query)} loading={run.running} data-testid="start-run">
          {t('wf.startRun')}
        </Button>
        {run.status && (
          <Group gap="xs" data-testid="run-result">
            <Badge color={statusColor(run.status)}>{t(`run.status.${run.status}`, { defaultValue: run.status })}</Badge>
            {run.error && (
              <Text size="sm" c="red" role="alert">
                {run.error}
              </Text>
            )}
          </Group>
        )}
        {run.outputs !== undefined && <Code block>{JSON.stringify(run.outputs, null, 2)}</Code>}
        {run.order.map((id) => {
          const n = run.nodes[id];
          return (
            <Paper key={id} withBorder p="xs" data-testid="run-node">
              <Group justify="space-between">
                <Text size="sm" fw={600}>
                  {title(id)}
                </Text>
                <Group gap={4}>
                  <Badge size="xs" color={statusColor(n.status)}>
                    {t(`run.status.${n.status}`, { defaultValue: n.status })}
                  </Badge>
                  {n.elapsed_time !== undefined && (
                    <Text size="xs" c="dimmed">
                      {n.elapsed_time.toFixed(3)}s
                    </Text>
                  )}
                </Group>
              </Group>
              {n.error && (
                <Text size="xs" c="red">
                  {n.error}
                </Text>
              )}
              {n.outputs !== undefined && (
                <Code block fz="xs" mah={120} style={{ overflow: 'auto' }}>
                  {JSON.stringify(n.outputs, null, 1)}
                </Code>
              )}
            </Paper>
          );
        })}
      </Stack>
    </Drawer>
  );
}

function VersionsModal({ app, opened, onClose }: { app: AppInfo; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const versions = useQuery({
    queryKey: ['versions', app.id],
    queryFn: () =>
      api<{
        items?: { id: string; version: string; created_at: number; marked_name?: string }[];
        data?: { id: string; version: string; created_at: number; marked_name?: string }[];
      }>(`/console/api/apps/${app.id}/workflows`, { query: { page: 1, limit: 30 } }),
    enabled: opened,
  });
  const rows = versions.data?.items ?? versions.data?.data ?? [];
  return (
    <Modal opened={opened} onClose={onClose} title={t('wf.versions')}>
      {versions.isLoading ? (
        <PageLoader />
      ) : versions.error ? (
        <ApiErrorAlert error={versions.error} />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t('wf.noVersions')}</Text>
      ) : (
        <Table data-testid="versions">
          <Table.Tbody>
            {rows.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.version === 'draft' ? t('wf.draft') : v.marked_name || v.version}</Table.Td>
                <Table.Td>{new Date(v.created_at * 1000).toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Modal>
  );
}
