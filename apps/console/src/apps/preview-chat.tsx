import { Alert, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isMissingRoute, stream } from '../api/client';
import { ChatMessage } from '../chat/chat-model';
import { ChatPanel } from '../chat/chat-panel';
import { ChatTransport, SendBody, useChat } from '../chat/use-chat';
import { InputsForm, missingRequired } from '../components/inputs-form';
import { AppInfo, ModelConfig } from './api';

interface HistoryMessage {
  id: string;
  query: string;
  answer: string;
  feedback?: { rating: 'like' | 'dislike' } | null;
  retriever_resources?: ChatMessage['citations'];
}

/**
 * The console's debug chat. Dify's console preview route (`/console/api/apps/{id}/chat-messages`) when
 * the server has it; otherwise the Web API with the admin's own session and `app_id`, which answers with
 * the saved configuration.
 */
export function previewTransport(app: AppInfo, config: () => ModelConfig): ChatTransport {
  const kind = app.mode === 'completion' ? 'completion-messages' : 'chat-messages';
  let useWeb = false;
  const body = (b: SendBody) => ({
    ...b,
    inputs: app.mode === 'completion' ? { query: b.query, ...b.inputs } : b.inputs,
    response_mode: 'streaming',
  });
  return {
    async send(b, signal, onEvent) {
      if (!useWeb) {
        try {
          return await stream(`/console/api/apps/${app.id}/${kind}`, { body: { ...body(b), model_config: config() }, signal }, onEvent);
        } catch (err) {
          if (!isMissingRoute(err)) throw err;
          useWeb = true;
        }
      }
      return stream(`/api/${kind}`, { body: { ...body(b), app_id: app.id }, signal }, onEvent);
    },
    stop(taskId) {
      return useWeb
        ? api(`/api/${kind}/${taskId}/stop`, { body: { app_id: app.id } })
        : api(`/console/api/apps/${app.id}/${kind}/${taskId}/stop`, { method: 'POST' });
    },
    feedback(messageId, rating) {
      return api(`/api/messages/${messageId}/feedbacks`, { body: { rating, app_id: app.id } });
    },
    async suggested(messageId) {
      const r = await api<{ data: string[] }>(`/api/messages/${messageId}/suggested-questions`, { query: { app_id: app.id } });
      return r.data ?? [];
    },
  };
}

export function PreviewChat({ app, config, dirty }: { app: AppInfo; config: ModelConfig; dirty: boolean }) {
  const { t } = useTranslation();
  const [inputs, setInputs] = useState<Record<string, unknown>>({});
  const [session, setSession] = useState(0);
  const cfgRef = useMemo(() => ({ current: config }), []);
  cfgRef.current = config;
  const transport = useMemo(() => previewTransport(app, () => cfgRef.current), [app, cfgRef]);
  const chat = useChat(transport, { suggestAfter: config.suggested_questions_after_answer.enabled });
  const missing = missingRequired(config.user_input_form, inputs);
  const history = useQuery({
    queryKey: ['preview-history', app.id, session],
    queryFn: () => api<{ data: { id: string; name: string }[] }>('/api/conversations', { query: { app_id: app.id, limit: 20 } }),
    enabled: app.mode !== 'completion',
  });
  const open = async (id: string | null) => {
    if (!id) return chat.load('', []);
    const r = await api<{ data: HistoryMessage[] }>('/api/messages', { query: { app_id: app.id, conversation_id: id, limit: 50 } });
    const msgs: ChatMessage[] = r.data.flatMap((m) => [
      { id: `${m.id}-q`, role: 'user' as const, content: m.query },
      { id: m.id, role: 'assistant' as const, content: m.answer, messageId: m.id, citations: m.retriever_resources, feedback: m.feedback?.rating ?? null },
    ]);
    chat.load(id, msgs);
  };
  return (
    <Paper withBorder p="md" pos="sticky" top={70} data-testid="preview">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('preview.title')}
          </Title>
          <Group gap="xs">
            {app.mode !== 'completion' && (
              <Select
                size="xs"
                w={180}
                aria-label={t('preview.history')}
                placeholder={t('preview.history')}
                data={(history.data?.data ?? []).map((c) => ({ value: c.id, label: c.name || c.id.slice(0, 8) }))}
                value={chat.conversationId || null}
                onChange={(v) => void open(v)}
                clearable
              />
            )}
            <Button size="xs" variant="default" onClick={() => void open(null)} disabled={chat.busy}>
              {t('preview.newConversation')}
            </Button>
          </Group>
        </Group>
        {dirty && (
          <Alert color="yellow" p="xs">
            <Text size="xs">{t('preview.unsavedNote')}</Text>
          </Alert>
        )}
        <InputsForm form={config.user_input_form} values={inputs} onChange={setInputs} />
        {missing.length > 0 && (
          <Text size="xs" c="orange">
            {t('preview.missingInputs', { list: missing.join(', ') })}
          </Text>
        )}
        <ChatPanel
          chat={chat}
          inputs={inputs}
          openingStatement={config.opening_statement}
          suggestedQuestions={config.suggested_questions}
          feedback
          disabled={missing.length > 0}
          onSent={() => setTimeout(() => setSession((s) => s + 1), 1500)}
          height={480}
        />
      </Stack>
    </Paper>
  );
}
