import { ActionIcon, Badge, Box, Button, Group, Loader, Paper, ScrollArea, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { KeyboardEvent, ReactNode, Suspense, lazy, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatMessage } from './chat-model';
import { useChat } from './use-chat';

const Markdown = lazy(() => import('./markdown'));

function Citations({ m }: { m: ChatMessage }) {
  const { t } = useTranslation();
  if (!m.citations?.length) return null;
  return (
    <Stack gap={4} mt="xs" data-testid="citations">
      <Text size="xs" fw={600} c="dimmed">
        {t('chat.citations')}
      </Text>
      {m.citations.map((c, i) => (
        <Paper key={`${c.segment_id ?? i}`} withBorder p="xs" radius="sm" bg="gray.0">
          <Group justify="space-between" gap="xs">
            <Text size="xs" fw={600} data-testid="citation-document">
              {c.document_name ?? c.dataset_name ?? t('chat.unknownDocument')}
            </Text>
            {typeof c.score === 'number' && (
              <Badge size="xs" variant="light">
                {t('chat.score', { score: c.score.toFixed(3) })}
              </Badge>
            )}
          </Group>
          {c.content && (
            <Text size="xs" c="dimmed" lineClamp={3}>
              {c.content}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}

function Meta({ m }: { m: ChatMessage }) {
  const { t } = useTranslation();
  const parts: string[] = [];
  // Tokens and latency are final numbers: shown once the answer is complete.
  if (m.streaming) return null;
  if (m.usage?.total_tokens !== undefined) parts.push(t('chat.tokens', { count: m.usage.total_tokens }));
  const latency = m.usage?.latency ?? m.elapsed;
  if (latency !== undefined) parts.push(t('chat.latency', { seconds: latency.toFixed(2) }));
  if (!parts.length) return null;
  return (
    <Text size="xs" c="dimmed" mt={4} data-testid="message-meta">
      {parts.join(' · ')}
    </Text>
  );
}

export interface ChatPanelProps {
  chat: ReturnType<typeof useChat>;
  inputs: Record<string, unknown>;
  openingStatement?: string;
  suggestedQuestions?: string[];
  feedback?: boolean;
  header?: ReactNode;
  attachments?: ReactNode;
  files?: unknown[];
  onSent?: () => void;
  height?: string | number;
  disabled?: boolean;
}

export function ChatPanel({
  chat,
  inputs,
  openingStatement,
  suggestedQuestions,
  feedback,
  header,
  attachments,
  files,
  onSent,
  height = 520,
  disabled,
}: ChatPanelProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const viewport = useRef<HTMLDivElement>(null);
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [chat.messages]);

  const submit = (q = draft) => {
    if (!q.trim() || chat.busy || disabled) return;
    void chat.send(q, inputs, files);
    setDraft('');
    onSent?.();
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };
  const empty = chat.messages.length === 0;
  const suggestions = empty ? (suggestedQuestions ?? []) : chat.suggestions;

  return (
    <Stack gap="xs" h={height} data-testid="chat-panel">
      {header}
      <ScrollArea viewportRef={viewport} flex={1} type="auto" role="log" aria-label={t('chat.conversation')}>
        <Stack gap="sm" p="xs">
          {empty && openingStatement && (
            <Paper withBorder p="sm" bg="blue.0" data-testid="opening-statement">
              <Text size="sm">{openingStatement}</Text>
            </Paper>
          )}
          {chat.messages.map((m) => (
            <Box key={m.id} data-testid={m.role === 'user' ? 'user-message' : 'assistant-message'} ml={m.role === 'user' ? 'auto' : 0} maw="90%">
              <Paper
                p="sm"
                radius="md"
                withBorder={m.role === 'assistant'}
                bg={m.role === 'user' ? 'blue.6' : 'white'}
                c={m.role === 'user' ? 'white' : undefined}
              >
                {m.role === 'user' ? (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {m.content}
                  </Text>
                ) : (
                  <>
                    {m.content ? (
                      <Box fz="sm" data-testid="answer-text">
                        <Suspense fallback={<Text size="sm">{m.content}</Text>}>
                          <Markdown text={m.content} />
                        </Suspense>
                      </Box>
                    ) : m.streaming ? (
                      <Loader size="xs" type="dots" aria-label={t('chat.thinking')} />
                    ) : null}
                    {m.error && (
                      <Text size="sm" c="red" role="alert">
                        {m.error}
                      </Text>
                    )}
                    {m.stopped && (
                      <Badge size="xs" color="gray" mt={4} data-testid="stopped">
                        {t('chat.stopped')}
                      </Badge>
                    )}
                    <Citations m={m} />
                    <Group justify="space-between" gap="xs">
                      <Meta m={m} />
                      {feedback && m.messageId && !m.streaming && (
                        <Group gap={4}>
                          <Tooltip label={t('chat.like')}>
                            <ActionIcon
                              variant={m.feedback === 'like' ? 'filled' : 'subtle'}
                              size="sm"
                              aria-label={t('chat.like')}
                              aria-pressed={m.feedback === 'like'}
                              onClick={() => void chat.rate(m, 'like')}
                            >
                              👍
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('chat.dislike')}>
                            <ActionIcon
                              variant={m.feedback === 'dislike' ? 'filled' : 'subtle'}
                              color="red"
                              size="sm"
                              aria-label={t('chat.dislike')}
                              aria-pressed={m.feedback === 'dislike'}
                              onClick={() => void chat.rate(m, 'dislike')}
                            >
                              👎
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      )}
                    </Group>
                  </>
                )}
              </Paper>
            </Box>
          ))}
        </Stack>
      </ScrollArea>
      {suggestions.length > 0 && !chat.busy && (
        <Group gap="xs" data-testid="suggested-questions" aria-label={t('chat.suggested')}>
          {suggestions.map((q) => (
            <Button key={q} size="xs" variant="light" onClick={() => submit(q)}>
              {q}
            </Button>
          ))}
        </Group>
      )}
      {attachments}
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Textarea
          flex={1}
          autosize
          minRows={1}
          maxRows={5}
          aria-label={t('chat.input')}
          placeholder={t('chat.placeholder')}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={onKey}
          disabled={disabled}
        />
        {chat.busy ? (
          <Button color="red" variant="light" onClick={() => void chat.stop()} data-testid="stop-button">
            {t('chat.stop')}
          </Button>
        ) : (
          <Button onClick={() => submit()} disabled={!draft.trim() || disabled} data-testid="send-button">
            {t('chat.send')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
