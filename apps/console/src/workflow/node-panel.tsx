import { ActionIcon, Button, Checkbox, Group, JsonInput, NumberInput, Paper, ScrollArea, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DifyNode, VariableOption } from './graph';
import { VariablePicker } from './variable-picker';

type Data = DifyNode['data'];
type Patch = (d: Data) => void;

const OPERATORS = ['contains', 'not contains', 'start with', 'end with', 'is', 'is not', 'empty', 'not empty', '=', '≠', '>', '<', '≥', '≤'];
const STRUCTURED = new Set([
  'start',
  'end',
  'answer',
  'llm',
  'if-else',
  'code',
  'template-transform',
  'http-request',
  'knowledge-retrieval',
  'question-classifier',
]);

/** Settings of the selected node: a form for the common types, validated JSON for the rest (and on request). */
export function NodePanel({
  node,
  options,
  onChange,
  onDelete,
  onClose,
}: {
  node: DifyNode;
  options: VariableOption[];
  onChange: Patch;
  onDelete: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [json, setJson] = useState(!STRUCTURED.has(node.data.type));
  const d = node.data;
  const set = (k: string, v: unknown) => onChange({ ...d, [k]: v });
  return (
    <Paper withBorder p="sm" w={360} h="100%" data-testid="node-panel" aria-label={t('wf.nodeSettings')}>
      <ScrollArea h="100%">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h5">
              {t(`wf.types.${d.type}`, { defaultValue: d.type })}
            </Title>
            <Group gap={4}>
              <Button size="compact-xs" variant="subtle" onClick={() => setJson(!json)}>
                {json ? t('wf.form') : 'JSON'}
              </Button>
              <ActionIcon variant="subtle" onClick={onClose} aria-label={t('common.close')}>
                ✕
              </ActionIcon>
            </Group>
          </Group>
          <TextInput label={t('wf.title')} size="xs" value={d.title ?? ''} onChange={(e) => set('title', e.currentTarget.value)} />
          {json || !STRUCTURED.has(d.type) ? (
            <JsonEditor data={d} onChange={onChange} />
          ) : (
            <Structured data={d} options={options} set={set} onChange={onChange} />
          )}
          {d.type !== 'start' && (
            <Button color="red" variant="light" size="xs" onClick={onDelete}>
              {t('wf.deleteNode')}
            </Button>
          )}
        </Stack>
      </ScrollArea>
    </Paper>
  );
}

function JsonEditor({ data, onChange }: { data: Data; onChange: Patch }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(data, null, 2));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(JSON.stringify(data, null, 2)), [data]);
  return (
    <JsonInput
      label={t('wf.nodeJson')}
      autosize
      minRows={10}
      maxRows={30}
      value={text}
      error={error}
      onChange={(v) => {
        setText(v);
        try {
          const parsed = JSON.parse(v) as Data;
          if (!parsed || typeof parsed !== 'object' || parsed.type !== data.type) throw new Error(t('wf.jsonTypeFixed', { type: data.type }));
          setError(null);
          onChange(parsed);
        } catch (e) {
          setError((e as Error).message);
        }
      }}
      data-testid="node-json"
    />
  );
}

function Structured({ data: d, options, set, onChange }: { data: Data; options: VariableOption[]; set: (k: string, v: unknown) => void; onChange: Patch }) {
  const { t } = useTranslation();
  switch (d.type) {
    case 'start': {
      const vars = (d.variables as { variable: string; label: string; type: string; required: boolean; max_length?: number; options?: string[] }[]) ?? [];
      const upd = (i: number, p: object) =>
        set(
          'variables',
          vars.map((v, j) => (j === i ? { ...v, ...p } : v)),
        );
      return (
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('wf.inputVariables')}
          </Text>
          {vars.map((v, i) => (
            <Paper key={i} withBorder p={6}>
              <Group gap={6} align="flex-end" wrap="wrap">
                <TextInput
                  size="xs"
                  w={110}
                  label={t('config.varName')}
                  value={v.variable}
                  onChange={(e) => upd(i, { variable: e.currentTarget.value, label: !v.label || v.label === v.variable ? e.currentTarget.value : v.label })}
                />
                <Select
                  size="xs"
                  w={110}
                  label={t('config.varType')}
                  allowDeselect={false}
                  value={v.type}
                  onChange={(x) => x && upd(i, { type: x })}
                  data={['text-input', 'paragraph', 'select', 'number', 'file']}
                />
                <Checkbox
                  size="xs"
                  mb={6}
                  label={t('config.required')}
                  checked={!!v.required}
                  onChange={(e) => upd(i, { required: e.currentTarget.checked })}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mb={2}
                  aria-label={t('config.removeVariable', { name: v.variable })}
                  onClick={() =>
                    set(
                      'variables',
                      vars.filter((_, j) => j !== i),
                    )
                  }
                >
                  ✕
                </ActionIcon>
              </Group>
            </Paper>
          ))}
          <Button
            size="xs"
            variant="light"
            onClick={() =>
              set('variables', [
                ...vars,
                { variable: `input_${vars.length + 1}`, label: `input_${vars.length + 1}`, type: 'text-input', required: true, max_length: 256 },
              ])
            }
          >
            {t('config.addVariable')}
          </Button>
        </Stack>
      );
    }
    case 'end': {
      const outs = (d.outputs as { variable: string; value_selector: string[] }[]) ?? [];
      const upd = (i: number, p: object) =>
        set(
          'outputs',
          outs.map((v, j) => (j === i ? { ...v, ...p } : v)),
        );
      return (
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('wf.outputs')}
          </Text>
          {outs.map((o, i) => (
            <Group key={i} gap={6} align="flex-end" wrap="nowrap">
              <TextInput size="xs" w={100} label={t('config.varName')} value={o.variable} onChange={(e) => upd(i, { variable: e.currentTarget.value })} />
              <VariablePicker label={t('wf.value')} options={options} value={o.value_selector} onChange={(s) => upd(i, { value_selector: s })} />
              <ActionIcon
                variant="subtle"
                color="red"
                mb={2}
                aria-label={t('config.removeVariable', { name: o.variable })}
                onClick={() =>
                  set(
                    'outputs',
                    outs.filter((_, j) => j !== i),
                  )
                }
              >
                ✕
              </ActionIcon>
            </Group>
          ))}
          <Button
            size="xs"
            variant="light"
            onClick={() => set('outputs', [...outs, { variable: outs.length ? `output_${outs.length + 1}` : 'result', value_selector: [] }])}
          >
            {t('wf.addOutput')}
          </Button>
        </Stack>
      );
    }
    case 'answer':
      return (
        <Textarea
          label={t('wf.answer')}
          description={t('wf.templateHelp', { example: '{{#node.var#}}' })}
          autosize
          minRows={3}
          value={String(d.answer ?? '')}
          onChange={(e) => set('answer', e.currentTarget.value)}
        />
      );
    case 'llm': {
      const model = (d.model as { provider: string; name: string; completion_params?: Record<string, unknown> }) ?? { provider: 'openai', name: '' };
      const prompts = (d.prompt_template as { role: string; text: string }[]) ?? [];
      const upd = (i: number, text: string) =>
        set(
          'prompt_template',
          prompts.map((p, j) => (j === i ? { ...p, text } : p)),
        );
      return (
        <Stack gap={6}>
          <Group grow>
            <TextInput
              size="xs"
              label={t('config.provider')}
              value={model.provider}
              onChange={(e) => set('model', { ...model, provider: e.currentTarget.value })}
            />
            <TextInput size="xs" label={t('config.modelName')} value={model.name} onChange={(e) => set('model', { ...model, name: e.currentTarget.value })} />
          </Group>
          {prompts.map((p, i) => (
            <Stack key={i} gap={2}>
              <Textarea
                size="xs"
                label={t(`wf.role.${p.role}`, { defaultValue: p.role })}
                autosize
                minRows={3}
                value={p.text}
                onChange={(e) => upd(i, e.currentTarget.value)}
                data-testid={`prompt-${p.role}`}
              />
              <Select
                size="xs"
                aria-label={t('wf.insertVariable')}
                placeholder={t('wf.insertVariable')}
                data={options.map((o) => ({ value: o.selector.join('.'), label: o.label }))}
                value={null}
                onChange={(v) => v && upd(i, `${p.text}{{#${v}#}}`)}
                searchable
              />
            </Stack>
          ))}
          <Group gap="xs">
            {!prompts.some((p) => p.role === 'user') && (
              <Button size="compact-xs" variant="light" onClick={() => set('prompt_template', [...prompts, { role: 'user', text: '' }])}>
                {t('wf.addUserPrompt')}
              </Button>
            )}
          </Group>
        </Stack>
      );
    }
    case 'if-else': {
      type Cond = { id: string; variable_selector: string[]; comparison_operator: string; value: string };
      const cases = (d.cases as { case_id: string; logical_operator: 'and' | 'or'; conditions: Cond[] }[]) ?? [];
      const updCase = (ci: number, p: object) =>
        set(
          'cases',
          cases.map((c, j) => (j === ci ? { ...c, ...p } : c)),
        );
      return (
        <Stack gap={6}>
          {cases.map((c, ci) => (
            <Paper key={c.case_id} withBorder p={6} data-testid="if-case">
              <Group justify="space-between">
                <Text size="xs" fw={700}>
                  {ci === 0 ? 'IF' : `ELIF ${ci}`}
                </Text>
                <Select
                  size="xs"
                  w={90}
                  aria-label={t('wf.logic')}
                  allowDeselect={false}
                  value={c.logical_operator}
                  onChange={(v) => v && updCase(ci, { logical_operator: v })}
                  data={['and', 'or']}
                />
              </Group>
              {c.conditions.map((cond, k) => {
                const updCond = (p: object) => updCase(ci, { conditions: c.conditions.map((x, j) => (j === k ? { ...x, ...p } : x)) });
                return (
                  <Stack key={cond.id} gap={2} mt={4}>
                    <VariablePicker
                      label={t('wf.variable')}
                      options={options}
                      value={cond.variable_selector}
                      onChange={(s) => updCond({ variable_selector: s })}
                    />
                    <Group gap={4} wrap="nowrap" align="flex-end">
                      <Select
                        size="xs"
                        w={120}
                        label={t('wf.operator')}
                        allowDeselect={false}
                        value={cond.comparison_operator}
                        onChange={(v) => v && updCond({ comparison_operator: v })}
                        data={OPERATORS}
                      />
                      <TextInput
                        size="xs"
                        flex={1}
                        label={t('wf.value')}
                        value={cond.value ?? ''}
                        onChange={(e) => updCond({ value: e.currentTarget.value })}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mb={2}
                        aria-label={t('wf.removeCondition')}
                        onClick={() => updCase(ci, { conditions: c.conditions.filter((_, j) => j !== k) })}
                      >
                        ✕
                      </ActionIcon>
                    </Group>
                  </Stack>
                );
              })}
              <Group gap={4} mt={4}>
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() =>
                    updCase(ci, { conditions: [...c.conditions, { id: `${Date.now()}`, variable_selector: [], comparison_operator: 'contains', value: '' }] })
                  }
                >
                  {t('wf.addCondition')}
                </Button>
                {ci > 0 && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() =>
                      set(
                        'cases',
                        cases.filter((_, j) => j !== ci),
                      )
                    }
                  >
                    {t('wf.removeCase')}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
          <Button
            size="xs"
            variant="light"
            onClick={() => set('cases', [...cases, { case_id: `case_${Date.now()}`, logical_operator: 'and', conditions: [] }])}
          >
            {t('wf.addElif')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('wf.elseHelp')}
          </Text>
        </Stack>
      );
    }
    case 'question-classifier': {
      const classes = (d.classes as { id: string; name: string }[]) ?? [];
      return (
        <Stack gap={6}>
          <VariablePicker
            label={t('wf.queryVariable')}
            options={options}
            value={d.query_variable_selector as string[]}
            onChange={(s) => set('query_variable_selector', s)}
          />
          {classes.map((c, i) => (
            <Group key={c.id} gap={4} align="flex-end" wrap="nowrap">
              <TextInput
                size="xs"
                flex={1}
                label={t('wf.className', { n: i + 1 })}
                value={c.name}
                onChange={(e) =>
                  set(
                    'classes',
                    classes.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)),
                  )
                }
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mb={2}
                aria-label={t('wf.removeClass')}
                onClick={() =>
                  set(
                    'classes',
                    classes.filter((_, j) => j !== i),
                  )
                }
              >
                ✕
              </ActionIcon>
            </Group>
          ))}
          <Button size="xs" variant="light" onClick={() => set('classes', [...classes, { id: `${Date.now()}`, name: '' }])}>
            {t('wf.addClass')}
          </Button>
        </Stack>
      );
    }
    case 'code':
    case 'template-transform': {
      const vars = (d.variables as { variable: string; value_selector: string[] }[]) ?? [];
      const upd = (i: number, p: object) =>
        set(
          'variables',
          vars.map((v, j) => (j === i ? { ...v, ...p } : v)),
        );
      return (
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('wf.inputVariables')}
          </Text>
          {vars.map((v, i) => (
            <Group key={i} gap={4} align="flex-end" wrap="nowrap">
              <TextInput size="xs" w={90} label={t('config.varName')} value={v.variable} onChange={(e) => upd(i, { variable: e.currentTarget.value })} />
              <VariablePicker label={t('wf.value')} options={options} value={v.value_selector} onChange={(s) => upd(i, { value_selector: s })} />
            </Group>
          ))}
          <Button size="compact-xs" variant="light" onClick={() => set('variables', [...vars, { variable: `arg${vars.length + 1}`, value_selector: [] }])}>
            {t('config.addVariable')}
          </Button>
          {d.type === 'code' ? (
            <>
              <Select
                size="xs"
                label={t('wf.language')}
                allowDeselect={false}
                value={String(d.code_language ?? 'javascript')}
                onChange={(v) => v && set('code_language', v)}
                data={['javascript', 'python3']}
              />
              <Textarea
                size="xs"
                label={t('wf.code')}
                autosize
                minRows={6}
                ff="monospace"
                value={String(d.code ?? '')}
                onChange={(e) => set('code', e.currentTarget.value)}
              />
              <JsonInput
                size="xs"
                label={t('wf.codeOutputs')}
                autosize
                minRows={3}
                defaultValue={JSON.stringify(d.outputs ?? {}, null, 2)}
                onBlur={(e) => {
                  try {
                    onChange({ ...d, outputs: JSON.parse(e.currentTarget.value) });
                  } catch {
                    /* shown by JsonInput */
                  }
                }}
                validationError={t('wf.invalidJson')}
              />
            </>
          ) : (
            <Textarea
              size="xs"
              label={t('wf.template')}
              description={t('wf.jinjaHelp')}
              autosize
              minRows={4}
              ff="monospace"
              value={String(d.template ?? '')}
              onChange={(e) => set('template', e.currentTarget.value)}
            />
          )}
        </Stack>
      );
    }
    case 'http-request':
      return (
        <Stack gap={6}>
          <Group grow>
            <Select
              size="xs"
              label={t('wf.method')}
              allowDeselect={false}
              value={String(d.method ?? 'get')}
              onChange={(v) => v && set('method', v)}
              data={['get', 'post', 'put', 'patch', 'delete', 'head']}
            />
          </Group>
          <TextInput size="xs" label="URL" value={String(d.url ?? '')} onChange={(e) => set('url', e.currentTarget.value)} />
          <Textarea
            size="xs"
            label={t('wf.headers')}
            description={t('wf.headersHelp')}
            autosize
            value={String(d.headers ?? '')}
            onChange={(e) => set('headers', e.currentTarget.value)}
          />
          <JsonInput
            size="xs"
            label={t('wf.body')}
            autosize
            minRows={3}
            defaultValue={JSON.stringify(d.body ?? { type: 'none', data: [] }, null, 2)}
            onBlur={(e) => {
              try {
                onChange({ ...d, body: JSON.parse(e.currentTarget.value) });
              } catch {
                /* shown by JsonInput */
              }
            }}
            validationError={t('wf.invalidJson')}
          />
        </Stack>
      );
    case 'knowledge-retrieval': {
      const cfg = (d.multiple_retrieval_config as { top_k?: number }) ?? {};
      return (
        <Stack gap={6}>
          <VariablePicker
            label={t('wf.queryVariable')}
            options={options}
            value={d.query_variable_selector as string[]}
            onChange={(s) => set('query_variable_selector', s)}
          />
          <Textarea
            size="xs"
            label={t('wf.datasetIds')}
            description={t('wf.datasetIdsHelp')}
            autosize
            value={((d.dataset_ids as string[]) ?? []).join('\n')}
            onChange={(e) => set('dataset_ids', e.currentTarget.value.split(/\s+/).filter(Boolean))}
          />
          <NumberInput
            size="xs"
            label={t('config.topK')}
            min={1}
            max={20}
            value={cfg.top_k ?? 4}
            onChange={(v) => set('multiple_retrieval_config', { ...cfg, top_k: Number(v) || 4 })}
          />
        </Stack>
      );
    }
    default:
      return null;
  }
}
