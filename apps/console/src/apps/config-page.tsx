import {
  Accordion,
  Alert,
  Button,
  Grid,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Slider,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { promptVariables } from '../chat/chat-model';
import { ApiErrorAlert, notifySuccess } from '../components/feedback';
import { AppInfo, FormItem, ModelConfig, formItemParts } from './api';
import { FormEditor } from './form-editor';
import { PreviewChat } from './preview-chat';

interface DatasetRow {
  id: string;
  name: string;
}

function withDefaults(c: ModelConfig | null): ModelConfig {
  const base = (c ?? {}) as Partial<ModelConfig>;
  return {
    ...base,
    model: base.model ?? { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} },
    pre_prompt: base.pre_prompt ?? '',
    user_input_form: base.user_input_form ?? [],
    opening_statement: base.opening_statement ?? '',
    suggested_questions: base.suggested_questions ?? [],
    suggested_questions_after_answer: base.suggested_questions_after_answer ?? { enabled: false },
    speech_to_text: base.speech_to_text ?? { enabled: false },
    text_to_speech: base.text_to_speech ?? { enabled: false },
    retriever_resource: base.retriever_resource ?? { enabled: true },
    annotation_reply: base.annotation_reply ?? { enabled: false },
    dataset_configs: base.dataset_configs ?? { retrieval_model: 'multiple', datasets: { datasets: [] } },
  } as ModelConfig;
}

/** Only what the model-config route accepts: the console's own view adds model_id/configs/provider. */
function forSave(c: ModelConfig): ModelConfig {
  const { model_id: _a, configs: _b, provider: _c, ...rest } = c as ModelConfig & { model_id?: unknown; configs?: unknown; provider?: unknown };
  return rest as ModelConfig;
}

export default function ConfigPage({ app, readOnly = false }: { app: AppInfo; readOnly?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [cfg, setCfg] = useState<ModelConfig>(() => withDefaults(app.model_config));
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    setCfg(withDefaults(app.model_config));
    setDirty(false);
  }, [app.model_config]);
  const datasets = useQuery({
    queryKey: ['datasets', 'all'],
    queryFn: () => api<{ data: DatasetRow[] }>('/console/api/datasets', { query: { page: 1, limit: 100 } }),
  });
  const save = useMutation({
    mutationFn: () => api(`/console/api/apps/${app.id}/model-config`, { body: forSave(cfg) }),
    onSuccess: async () => {
      setDirty(false);
      await qc.invalidateQueries({ queryKey: ['app', app.id] });
      notifySuccess(t('config.saved'));
    },
  });
  const set = <K extends keyof ModelConfig>(k: K, v: ModelConfig[K]) => {
    setCfg((c) => ({ ...c, [k]: v }));
    setDirty(true);
  };
  const params = cfg.model.completion_params as { temperature?: number; max_tokens?: number; top_p?: number };
  const setParam = (k: string, v: unknown) => set('model', { ...cfg.model, completion_params: { ...cfg.model.completion_params, [k]: v } });
  const vars = useMemo(() => promptVariables(cfg.pre_prompt), [cfg.pre_prompt]);
  const declared = new Set(cfg.user_input_form.map((i) => formItemParts(i).body.variable));
  const undeclared = vars.filter((v) => !declared.has(v));
  const addUndeclared = () =>
    set('user_input_form', [
      ...cfg.user_input_form,
      ...undeclared.map((v): FormItem => ({ 'text-input': { label: v, variable: v, required: true, max_length: 48 } })),
    ]);
  const selected = cfg.dataset_configs.datasets.datasets.map((d) => d.dataset.id);
  const dc = cfg.dataset_configs;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack>
          <Group justify="space-between">
            <Title order={2} size="h4">
              {t('config.title')}
            </Title>
            <Group>
              {dirty && (
                <Text size="xs" c="orange">
                  {t('config.unsaved')}
                </Text>
              )}
              {!readOnly && (
                <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="save-config">
                  {t('common.save')}
                </Button>
              )}
            </Group>
          </Group>
          {readOnly && (
            <Alert color="gray" data-testid="read-only">
              {t('teams.readOnly')}
            </Alert>
          )}
          {save.error && <ApiErrorAlert error={save.error} />}
          {/* Read-only: the fieldset disables every control inside; the sections still open. */}
          <fieldset disabled={readOnly} className="plain-fieldset">
            <Stack>
              <Paper withBorder p="md">
                <Stack gap="xs">
                  <Text fw={600}>{t('config.model')}</Text>
                  <Group grow>
                    <TextInput
                      label={t('config.provider')}
                      value={cfg.model.provider}
                      onChange={(e) => set('model', { ...cfg.model, provider: e.currentTarget.value })}
                    />
                    <TextInput
                      label={t('config.modelName')}
                      value={cfg.model.name}
                      onChange={(e) => set('model', { ...cfg.model, name: e.currentTarget.value })}
                    />
                  </Group>
                  <Text size="sm" id="temperature-label">
                    {t('config.temperature')}: {params.temperature ?? 0.7}
                  </Text>
                  <Slider
                    disabled={readOnly}
                    thumbLabel={t('config.temperature')}
                    min={0}
                    max={2}
                    step={0.1}
                    value={params.temperature ?? 0.7}
                    onChange={(v) => setParam('temperature', v)}
                  />
                  <Group grow>
                    <NumberInput
                      label={t('config.maxTokens')}
                      min={1}
                      value={params.max_tokens ?? ''}
                      onChange={(v) => setParam('max_tokens', v === '' ? undefined : Number(v))}
                    />
                    <NumberInput
                      label={t('config.topP')}
                      min={0}
                      max={1}
                      step={0.05}
                      decimalScale={2}
                      value={params.top_p ?? ''}
                      onChange={(v) => setParam('top_p', v === '' ? undefined : Number(v))}
                    />
                  </Group>
                </Stack>
              </Paper>
              <Paper withBorder p="md">
                <Stack gap="xs">
                  <Textarea
                    label={t('config.prompt')}
                    description={t('config.promptHelp', { variable: '{{variable}}' })}
                    autosize
                    minRows={4}
                    maxRows={16}
                    value={cfg.pre_prompt}
                    onChange={(e) => set('pre_prompt', e.currentTarget.value)}
                    data-testid="prompt"
                  />
                  {vars.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('config.promptVariables', { list: vars.join(', ') })}
                    </Text>
                  )}
                  {undeclared.length > 0 && (
                    <Alert color="yellow" p="xs">
                      <Group justify="space-between">
                        <Text size="sm">{t('config.undeclared', { list: undeclared.join(', ') })}</Text>
                        <Button size="xs" variant="light" onClick={addUndeclared} data-testid="add-undeclared">
                          {t('config.addToForm')}
                        </Button>
                      </Group>
                    </Alert>
                  )}
                </Stack>
              </Paper>
            </Stack>
          </fieldset>
          <Accordion multiple defaultValue={['variables']} variant="separated">
            <Accordion.Item value="variables">
              <Accordion.Control>{t('config.variables')}</Accordion.Control>
              <Accordion.Panel>
                <fieldset disabled={readOnly} className="plain-fieldset">
                  <FormEditor value={cfg.user_input_form} onChange={(v) => set('user_input_form', v)} />
                </fieldset>
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="conversation">
              <Accordion.Control>{t('config.conversation')}</Accordion.Control>
              <Accordion.Panel>
                <fieldset disabled={readOnly} className="plain-fieldset">
                  <Stack gap="xs">
                    <Textarea
                      label={t('config.opening')}
                      autosize
                      minRows={2}
                      value={cfg.opening_statement}
                      onChange={(e) => set('opening_statement', e.currentTarget.value)}
                    />
                    <TagsInput
                      label={t('config.suggestedQuestions')}
                      description={t('config.suggestedHelp')}
                      value={cfg.suggested_questions}
                      onChange={(v) => set('suggested_questions', v)}
                      splitChars={['|']}
                    />
                    <Switch
                      label={t('config.followUp')}
                      checked={cfg.suggested_questions_after_answer.enabled}
                      onChange={(e) => set('suggested_questions_after_answer', { enabled: e.currentTarget.checked })}
                    />
                    <Switch
                      label={t('config.citations')}
                      checked={cfg.retriever_resource.enabled}
                      onChange={(e) => set('retriever_resource', { enabled: e.currentTarget.checked })}
                    />
                  </Stack>
                </fieldset>
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="knowledge">
              <Accordion.Control>{t('config.knowledge')}</Accordion.Control>
              <Accordion.Panel>
                <fieldset disabled={readOnly} className="plain-fieldset">
                  <Stack gap="xs">
                    {datasets.error && <ApiErrorAlert error={datasets.error} />}
                    <MultiSelect
                      label={t('config.datasets')}
                      placeholder={t('config.pickDatasets')}
                      data={(datasets.data?.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                      value={selected}
                      searchable
                      onChange={(ids) => set('dataset_configs', { ...dc, datasets: { datasets: ids.map((id) => ({ dataset: { enabled: true, id } })) } })}
                      data-testid="dataset-picker"
                    />
                    <SegmentedControl
                      aria-label={t('config.retrievalMode')}
                      value={dc.retrieval_model}
                      onChange={(v) => set('dataset_configs', { ...dc, retrieval_model: v as 'multiple' | 'single' })}
                      data={[
                        { value: 'multiple', label: t('config.multiple') },
                        { value: 'single', label: t('config.single') },
                      ]}
                    />
                    <Group grow>
                      <NumberInput
                        label={t('config.topK')}
                        min={1}
                        max={20}
                        value={dc.top_k ?? 4}
                        onChange={(v) => set('dataset_configs', { ...dc, top_k: Number(v) || 4 })}
                      />
                      <NumberInput
                        label={t('config.scoreThreshold')}
                        min={0}
                        max={1}
                        step={0.05}
                        decimalScale={2}
                        value={dc.score_threshold ?? ''}
                        onChange={(v) => set('dataset_configs', { ...dc, score_threshold: v === '' ? null : Number(v), score_threshold_enabled: v !== '' })}
                      />
                    </Group>
                    <Switch
                      label={t('config.rerank')}
                      checked={!!dc.reranking_enable}
                      onChange={(e) => set('dataset_configs', { ...dc, reranking_enable: e.currentTarget.checked })}
                    />
                  </Stack>
                </fieldset>
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="features">
              <Accordion.Control>{t('config.features')}</Accordion.Control>
              <Accordion.Panel>
                <fieldset disabled={readOnly} className="plain-fieldset">
                  <Stack gap="xs">
                    <Switch
                      label={t('config.annotationReply')}
                      checked={cfg.annotation_reply.enabled}
                      onChange={(e) => set('annotation_reply', { ...cfg.annotation_reply, enabled: e.currentTarget.checked })}
                    />
                    {cfg.annotation_reply.enabled && (
                      <NumberInput
                        label={t('config.annotationThreshold')}
                        min={0.5}
                        max={1}
                        step={0.01}
                        decimalScale={2}
                        value={cfg.annotation_reply.score_threshold ?? 0.9}
                        onChange={(v) => set('annotation_reply', { ...cfg.annotation_reply, score_threshold: Number(v) })}
                      />
                    )}
                    <Switch
                      label={t('config.speechToText')}
                      checked={cfg.speech_to_text.enabled}
                      onChange={(e) => set('speech_to_text', { enabled: e.currentTarget.checked })}
                    />
                    <Switch
                      label={t('config.textToSpeech')}
                      checked={cfg.text_to_speech.enabled}
                      onChange={(e) => set('text_to_speech', { ...cfg.text_to_speech, enabled: e.currentTarget.checked })}
                    />
                    <Switch
                      label={t('config.fileUpload')}
                      checked={!!(cfg.file_upload as { enabled?: boolean } | undefined)?.enabled}
                      onChange={(e) =>
                        set('file_upload', {
                          ...(cfg.file_upload ?? {}),
                          enabled: e.currentTarget.checked,
                          allowed_file_types: ['document', 'image'],
                          allowed_file_upload_methods: ['local_file'],
                          number_limits: 3,
                          image: { enabled: e.currentTarget.checked, number_limits: 3, detail: 'high', transfer_methods: ['local_file'] },
                        })
                      }
                    />
                  </Stack>
                </fieldset>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <PreviewChat app={app} config={cfg} dirty={dirty} />
      </Grid.Col>
    </Grid>
  );
}
