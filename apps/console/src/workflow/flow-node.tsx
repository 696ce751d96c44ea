import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Handle, NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { statusColor } from '../apps/logs-page';
import { DifyNode, hasTargetHandle, sourceHandles } from './graph';

export interface FlowNodeData extends Record<string, unknown> {
  dify: DifyNode['data'];
  runStatus?: string;
  invalid?: string;
  /** set on an iteration or loop: the box its children are drawn in */
  container?: { width: number; height: number };
}

/** A node on the canvas: title, type, run status; a target handle left and one source handle per branch right. */
export const FlowNode = memo(function FlowNode({ id, data, selected }: NodeProps & { data: FlowNodeData }) {
  const { t } = useTranslation();
  const d = data.dify;
  const handles = sourceHandles(d);
  const multi = handles.length > 1 || handles.some((h) => h.label);
  if (data.container) return <ContainerNode id={id} data={data} selected={selected} />;
  return (
    <Paper
      withBorder
      shadow={selected ? 'md' : 'xs'}
      p="xs"
      w={220}
      data-testid={`node-${id}`}
      data-status={data.runStatus ?? ''}
      bd={
        data.invalid ? '2px solid var(--mantine-color-red-6)' : data.runStatus ? `2px solid var(--mantine-color-${statusColor(data.runStatus)}-6)` : undefined
      }
    >
      {hasTargetHandle(d.type) && <Handle type="target" position={Position.Left} id="target" />}
      <Stack gap={2}>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text size="sm" fw={600} truncate>
            {d.title || t(`wf.types.${d.type}`, { defaultValue: d.type })}
          </Text>
          {data.runStatus && (
            <Badge size="xs" color={statusColor(data.runStatus)} data-testid="node-status">
              {t(`run.status.${data.runStatus}`, { defaultValue: data.runStatus })}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t(`wf.types.${d.type}`, { defaultValue: d.type })}
        </Text>
        {data.invalid && (
          <Text size="xs" c="red" role="alert" data-testid="node-error">
            {data.invalid}
          </Text>
        )}
        {multi &&
          handles.map((h) => (
            <Text key={h.id} size="xs" ta="right" fw={500} c="dimmed" pr={4}>
              {h.label ?? ''}
            </Text>
          ))}
      </Stack>
      {handles.map((h, i) => (
        <Handle
          key={h.id}
          type="source"
          position={Position.Right}
          id={h.id}
          aria-label={h.label ? `${d.title ?? d.type} ${h.label}` : undefined}
          style={multi ? { top: `calc(100% - ${(handles.length - i) * 18 + 2}px)` } : undefined}
        />
      ))}
    </Paper>
  );
});

/**
 * An iteration or loop: a box that holds the nodes it runs, as in Dify's editor. React Flow draws the
 * children inside it (they cannot be dragged out); the header carries the title, status and handles.
 */
function ContainerNode({ id, data, selected }: { id: string; data: FlowNodeData; selected?: boolean }) {
  const { t } = useTranslation();
  const d = data.dify;
  const status = data.runStatus;
  return (
    <Paper
      shadow={selected ? 'md' : undefined}
      p="xs"
      data-testid={`node-${id}`}
      data-status={status ?? ''}
      data-container="true"
      style={{ width: '100%', height: '100%', background: 'var(--mantine-color-gray-0)' }}
      bd={
        data.invalid
          ? '2px solid var(--mantine-color-red-6)'
          : status
            ? `2px solid var(--mantine-color-${statusColor(status)}-6)`
            : '2px dashed var(--mantine-color-gray-5)'
      }
    >
      <Handle type="target" position={Position.Left} id="target" style={{ top: 24 }} />
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="sm" fw={600} truncate>
          {d.title || t(`wf.types.${d.type}`, { defaultValue: d.type })}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Badge size="xs" variant="light">
            {t(`wf.types.${d.type}`, { defaultValue: d.type })}
          </Badge>
          {status && (
            <Badge size="xs" color={statusColor(status)} data-testid="node-status">
              {t(`run.status.${status}`, { defaultValue: status })}
            </Badge>
          )}
        </Group>
      </Group>
      {data.invalid && (
        <Text size="xs" c="red" role="alert" data-testid="node-error">
          {data.invalid}
        </Text>
      )}
      <Handle type="source" position={Position.Right} id="source" style={{ top: 24 }} />
    </Paper>
  );
}
