import {
  ActionIcon,
  AppShell,
  Badge,
  Box,
  Burger,
  Button,
  Center,
  FileButton,
  Group,
  Menu,
  Modal,
  NavLink,
  Paper,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, errorMessage, stream } from '../api/client';
import { FormItem } from '../apps/api';
import { ChatMessage, outputsText } from '../chat/chat-model';
import { ChatPanel } from '../chat/chat-panel';
import { ChatTransport, useChat } from '../chat/use-chat';
import { ApiErrorAlert, PageLoader, notifyError } from '../components/feedback';
import { InputsForm, missingRequired } from '../components/inputs-form';
import { LanguageSwitch } from '../components/language-switch';

type Kind = 'chat' | 'completion' | 'workflow';

interface Passport {
  token: string;
  code: string;
}

interface Params {
  opening_statement?: string;
  suggested_questions?: string[];
  suggested_questions_after_answer?: { enabled: boolean };
  user_input_form?: FormItem[];
  file_upload?: { enabled?: boolean; image?: { enabled?: boolean } };
}

interface Conversation {
  id: string;
  name: string;
  pinned?: boolean;
  updated_at?: number;
}

/**
 * A visitor's passport lives in this tab's sessionStorage: it survives a reload, is not shared with
 * other visitors or tabs, and the console's session cookie is never sent with the web app's requests.
 */
async function passportFor(code: string): Promise<Passport> {
  const key = `sluice.passport.${code}`;
  const saved = sessionStorage.getItem(key);
  if (saved) return { token: saved, code };
  const r = await api<{ access_token: string }>('/api/passport', { auth: 'none', headers: { 'X-App-Code': code } });
  sessionStorage.setItem(key, r.access_token);
  return { token: r.access_token, code };
}

export default function WebApp({ kind }: { kind: Kind }) {
  const { code = '' } = useParams();
  const passport = useQuery({ queryKey: ['passport', code], queryFn: () => passportFor(code), staleTime: Infinity, retry: false });
  if (passport.isLoading) return <PageLoader />;
  if (passport.error || !passport.data)
    return (
      <Center mih="100vh" p="md">
        <Box maw={480}>
          <ApiErrorAlert error={passport.error} />
        </Box>
      </Center>
    );
  return <WebAppShell kind={kind} passport={passport.data} />;
}

function WebAppShell({ kind, passport }: { kind: Kind; passport: Passport }) {
  const { t } = useTranslation();
  const web = <T,>(path: string, o: Parameters<typeof api>[1] = {}) => api<T>(path, { ...o, auth: 'web', passport });
  const site = useQuery({
    queryKey: ['site', passport.code],
    queryFn: () => web<{ title?: string; site?: { title?: string; description?: string }; description?: string }>('/api/site'),
  });
  const params = useQuery({ queryKey: ['params', passport.code], queryFn: () => web<Params>('/api/parameters') });
  if (site.isLoading || params.isLoading) return <PageLoader />;
  if (site.error || params.error) return <ApiErrorAlert error={site.error ?? params.error} />;
  const title = site.data?.site?.title ?? site.data?.title ?? t('web.untitled');
  if (kind === 'chat') return <ChatApp passport={passport} title={title} params={params.data ?? {}} />;
  return <RunApp kind={kind} passport={passport} title={title} params={params.data ?? {}} />;
}

function webTransport(passport: Passport): ChatTransport {
  const o = { auth: 'web' as const, passport };
  return {
    send: (b, signal, onEvent) => stream('/api/chat-messages', { ...o, body: { ...b, response_mode: 'streaming' }, signal }, onEvent),
    stop: (task) => api(`/api/chat-messages/${task}/stop`, { ...o, method: 'POST' }),
    feedback: (id, rating) => api(`/api/messages/${id}/feedbacks`, { ...o, body: { rating } }),
    suggested: async (id) => (await api<{ data: string[] }>(`/api/messages/${id}/suggested-questions`, o)).data ?? [],
  };
}

function ChatApp({ passport, title, params }: { passport: Passport; title: string; params: Params }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure();
  const o = { auth: 'web' as const, passport };
  const transport = useMemo(() => webTransport(passport), [passport]);
  const chat = useChat(transport, {
    suggestAfter: !!params.suggested_questions_after_answer?.enabled,
    onConversation: () => void qc.invalidateQueries({ queryKey: ['web-convs', passport.code] }),
  });
  const [inputs, setInputs] = useState<Record<string, unknown>>({});
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const [renaming, setRenaming] = useState<Conversation | null>(null);
  const form = params.user_input_form ?? [];
  const missing = chat.conversationId ? [] : missingRequired(form, inputs);
  const convs = useQuery({
    queryKey: ['web-convs', passport.code],
    queryFn: () => api<{ data: Conversation[] }>('/api/conversations', { ...o, query: { limit: 50 } }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['web-convs', passport.code] });
  const open = async (c: Conversation | null) => {
    close();
    if (!c) return chat.load('', []);
    const r = await api<{
      data: { id: string; query: string; answer: string; feedback?: { rating: 'like' | 'dislike' } | null; retriever_resources?: ChatMessage['citations'] }[];
    }>('/api/messages', { ...o, query: { conversation_id: c.id, limit: 50 } });
    chat.load(
      c.id,
      r.data.flatMap((m) => [
        { id: `${m.id}-q`, role: 'user' as const, content: m.query },
        { id: m.id, role: 'assistant' as const, content: m.answer, messageId: m.id, feedback: m.feedback?.rating ?? null, citations: m.retriever_resources },
      ]),
    );
  };
  const act = useMutation({
    mutationFn: ({ c, action }: { c: Conversation; action: 'pin' | 'unpin' | 'delete' }) =>
      action === 'delete'
        ? api(`/api/conversations/${c.id}`, { ...o, method: 'DELETE' })
        : api(`/api/conversations/${c.id}/${action}`, { ...o, method: 'PATCH' }),
    onSuccess: (_, v) => {
      if (v.action === 'delete' && v.c.id === chat.conversationId) chat.load('', []);
      void refresh();
    },
    onError: notifyError,
  });
  const upload = async (file: File | null) => {
    if (!file) return;
    const fd = new FormData();
    fd.append('file', file, file.name);
    try {
      const r = await api<{ id: string; name: string }>('/api/files/upload', { ...o, method: 'POST', body: fd });
      setFiles((f) => [...f, { id: r.id, name: r.name ?? file.name }]);
    } catch (err) {
      notifyError(err);
    }
  };
  const list = [...(convs.data?.data ?? [])].sort((a, b) => Number(!!b.pinned) - Number(!!a.pinned));
  const uploadEnabled = !!(params.file_upload?.enabled || params.file_upload?.image?.enabled);
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="sm">
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('web.conversations')} />
            <Title order={1} size="h4" lineClamp={1} data-testid="web-title">
              {title}
            </Title>
          </Group>
          <LanguageSwitch compact />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('web.conversations')}>
        <Button mb="xs" onClick={() => void open(null)} data-testid="new-chat">
          {t('web.newChat')}
        </Button>
        <ScrollArea flex={1}>
          {convs.error && <ApiErrorAlert error={convs.error} />}
          {list.map((c) => (
            <Group key={c.id} gap={0} wrap="nowrap" data-testid="conversation-item">
              <NavLink
                flex={1}
                label={
                  <Text size="sm" truncate>
                    {c.pinned ? '📌 ' : ''}
                    {c.name || t('web.untitledChat')}
                  </Text>
                }
                active={c.id === chat.conversationId}
                onClick={() => void open(c)}
              />
              <Menu position="bottom-end">
                <Menu.Target>
                  <ActionIcon variant="subtle" aria-label={t('web.actionsFor', { name: c.name || t('web.untitledChat') })}>
                    ⋯
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => setRenaming(c)}>{t('web.rename')}</Menu.Item>
                  <Menu.Item onClick={() => act.mutate({ c, action: c.pinned ? 'unpin' : 'pin' })}>{c.pinned ? t('web.unpin') : t('web.pin')}</Menu.Item>
                  <Menu.Item color="red" onClick={() => act.mutate({ c, action: 'delete' })}>
                    {t('common.delete')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          ))}
          {!convs.isLoading && list.length === 0 && (
            <Text size="sm" c="dimmed" p="xs">
              {t('web.noConversations')}
            </Text>
          )}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Stack maw={860} mx="auto" gap="xs" component="main" h="calc(100dvh - 76px)">
          {!chat.conversationId && form.length > 0 && (
            <Paper withBorder p="sm">
              <InputsForm form={form} values={inputs} onChange={setInputs} />
            </Paper>
          )}
          <Box flex={1} mih={0}>
            <ChatPanel
              chat={chat}
              inputs={inputs}
              openingStatement={params.opening_statement}
              suggestedQuestions={params.suggested_questions}
              feedback
              disabled={missing.length > 0}
              height="100%"
              files={files.map((f) => ({ type: 'document', transfer_method: 'local_file', upload_file_id: f.id }))}
              onSent={() => {
                setFiles([]);
                setTimeout(() => void refresh(), 800);
              }}
              attachments={
                uploadEnabled ? (
                  <Group gap="xs">
                    <FileButton onChange={(f) => void upload(f)}>
                      {(props) => (
                        <Button {...props} size="xs" variant="default" aria-label={t('chat.attach')}>
                          📎 {t('chat.attach')}
                        </Button>
                      )}
                    </FileButton>
                    {files.map((f) => (
                      <Badge
                        key={f.id}
                        variant="light"
                        rightSection={
                          <ActionIcon
                            size="xs"
                            variant="transparent"
                            aria-label={t('chat.removeFile', { name: f.name })}
                            onClick={() => setFiles((x) => x.filter((y) => y.id !== f.id))}
                          >
                            ✕
                          </ActionIcon>
                        }
                      >
                        {f.name}
                      </Badge>
                    ))}
                  </Group>
                ) : undefined
              }
            />
          </Box>
        </Stack>
      </AppShell.Main>
      <RenameModal conversation={renaming} passport={passport} onClose={() => setRenaming(null)} onDone={() => void refresh()} />
    </AppShell>
  );
}

function RenameModal({
  conversation,
  passport,
  onClose,
  onDone,
}: {
  conversation: Conversation | null;
  passport: Passport;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const m = useMutation({
    mutationFn: () => api(`/api/conversations/${conversation!.id}/name`, { auth: 'web', passport, body: { name } }),
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  return (
    <Modal opened={!!conversation} onClose={onClose} title={t('web.rename')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          m.mutate();
        }}
      >
        <Stack>
          <TextInput label={t('common.name')} defaultValue={conversation?.name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          {m.error && <ApiErrorAlert error={m.error} />}
          <Button type="submit" loading={m.isPending}>
            {t('common.save')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

/** Completion and workflow web apps: a form, a run, the result streamed in. */
function RunApp({ kind, passport, title, params }: { kind: Exclude<Kind, 'chat'>; passport: Passport; title: string; params: Params }) {
  const { t } = useTranslation();
  const [inputs, setInputs] = useState<Record<string, unknown>>({});
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [task, setTask] = useState<{ id?: string; abort: AbortController } | null>(null);
  const form = params.user_input_form ?? [];
  const missing = missingRequired(form, inputs);
  const o = { auth: 'web' as const, passport };
  const run = async () => {
    const abort = new AbortController();
    const current: { id?: string; abort: AbortController } = { abort };
    setTask(current);
    setText('');
    setError(null);
    try {
      await stream(
        kind === 'completion' ? '/api/completion-messages' : '/api/workflows/run',
        { ...o, body: { inputs, response_mode: 'streaming' }, signal: abort.signal },
        (e) => {
          if (e.task_id) current.id = e.task_id;
          if (e.event === 'message' || e.event === 'text_chunk') setText((x) => x + String(e.answer ?? (e.data as { text?: string })?.text ?? ''));
          if (e.event === 'workflow_finished') {
            const d = e.data as { outputs?: Record<string, unknown>; error?: string; status?: string };
            if (d.status === 'failed') setError(d.error ?? 'failed');
            else if (d.outputs) setText((x) => x || outputsText(d.outputs!));
          }
          if (e.event === 'error') setError(String(e.message ?? 'error'));
        },
      );
    } catch (err) {
      if (!abort.signal.aborted) setError(errorMessage(err));
    } finally {
      setTask(null);
    }
  };
  const stop = async () => {
    if (task?.id)
      await api(kind === 'completion' ? `/api/completion-messages/${task.id}/stop` : `/api/workflows/tasks/${task.id}/stop`, { ...o, method: 'POST' }).catch(
        () => undefined,
      );
    task?.abort.abort();
  };
  return (
    <Stack maw={860} mx="auto" p="md" component="main">
      <Group justify="space-between">
        <Title order={1} size="h3">
          {title}
        </Title>
        <LanguageSwitch compact />
      </Group>
      <Paper withBorder p="md">
        <Stack>
          <InputsForm form={form} values={inputs} onChange={setInputs} />
          <Group>
            {task ? (
              <Button color="red" variant="light" onClick={() => void stop()}>
                {t('chat.stop')}
              </Button>
            ) : (
              <Button onClick={() => void run()} disabled={missing.length > 0}>
                {t('web.run')}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
      {error && (
        <Text c="red" role="alert">
          {error}
        </Text>
      )}
      {text && (
        <Paper withBorder p="md" data-testid="run-output">
          <Text style={{ whiteSpace: 'pre-wrap' }}>{text}</Text>
        </Paper>
      )}
    </Stack>
  );
}
