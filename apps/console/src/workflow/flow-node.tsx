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
}

/** A node on the canvas: title, type, run status; a target handle left and one source handle per branch right. */
export const FlowNode = memo(function FlowNode({ id, data, selected }: NodeProps & { data: FlowNodeData }) {
  const { t } = useTranslation();
  const d = data.dify;
  const handles = sourceHandles(d);
  const multi = handles.length > 1 || handles.some((h) => h.label);
  return (
    <Paper
      withBorder
      shadow={selected ? 'md' : 'xs'}
      p="xs"
      w={220}
      data-testid={`node-${id}`}
      data-status={data.runStatus ?? ''}
      bd={data.invalid ? '2px solid var(--mantine-color-red-6)' : data.runStatus ? `2px solid var(--mantine-color-${statusColor(data.runStatus)}-6)` : undefined}
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
