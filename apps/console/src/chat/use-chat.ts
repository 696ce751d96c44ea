import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../api/client';
import type { DifyStreamEvent } from '../api/sse';
import { ChatMessage, applyChatEvent } from './chat-model';

export interface SendBody {
  query: string;
  inputs: Record<string, unknown>;
  conversation_id: string;
  files?: unknown[];
}

/** How a chat reaches its app: the console's preview and the web app differ only here. */
export interface ChatTransport {
  send(body: SendBody, signal: AbortSignal, onEvent: (e: DifyStreamEvent) => void): Promise<void>;
  stop(taskId: string): Promise<unknown>;
  feedback?(messageId: string, rating: 'like' | 'dislike' | null): Promise<unknown>;
  suggested?(messageId: string): Promise<string[]>;
}

let seq = 0;
const nextId = () => `local-${Date.now()}-${++seq}`;

export function useChat(transport: ChatTransport, opts: { onConversation?: (id: string) => void; suggestAfter?: boolean } = {}) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [conversationId, setConversationId] = useState('');
  const [busy, setBusy] = useState(false);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const task = useRef<{ id?: string; abort: AbortController; stopped?: boolean } | null>(null);

  const patch = useCallback((id: string, f: (m: ChatMessage) => ChatMessage) => {
    setMessages((all) => all.map((m) => (m.id === id ? f(m) : m)));
  }, []);

  const send = useCallback(
    async (query: string, inputs: Record<string, unknown>, files?: unknown[]) => {
      if (busy || !query.trim()) return;
      const answerId = nextId();
      setSuggestions([]);
      setMessages((all) => [...all, { id: nextId(), role: 'user', content: query }, { id: answerId, role: 'assistant', content: '', streaming: true }]);
      setBusy(true);
      const abort = new AbortController();
      task.current = { abort };
      const t0 = performance.now();
      let messageId: string | undefined;
      try {
        await transport.send({ query, inputs, conversation_id: conversationId, files }, abort.signal, (e) => {
          if (e.task_id && task.current) task.current.id = e.task_id;
          if (e.conversation_id && e.conversation_id !== conversationId) {
            setConversationId(e.conversation_id);
            opts.onConversation?.(e.conversation_id);
          }
          if (e.message_id) messageId = e.message_id;
          patch(answerId, (m) => ({ ...applyChatEvent(m, e), elapsed: (performance.now() - t0) / 1000 }));
        });
      } catch (err) {
        if (!abort.signal.aborted) patch(answerId, (m) => ({ ...m, error: errorMessage(err) }));
      } finally {
        // Stopped by the user, whether the server closed the stream first or the abort did.
        const stopped = !!task.current?.stopped || abort.signal.aborted;
        patch(answerId, (m) => ({ ...m, stopped: m.stopped || stopped, streaming: false, elapsed: m.elapsed ?? (performance.now() - t0) / 1000 }));
        task.current = null;
        setBusy(false);
      }
      if (opts.suggestAfter && messageId && transport.suggested && !abort.signal.aborted) {
        transport.suggested(messageId).then(setSuggestions, () => setSuggestions([]));
      }
    },
    [busy, conversationId, transport, patch, opts],
  );

  /** Tells the server to stop generating, and stops reading at once. */
  const stop = useCallback(async () => {
    const t = task.current;
    if (!t) return;
    t.stopped = true;
    if (t.id) await transport.stop(t.id).catch(() => undefined);
    t.abort.abort();
  }, [transport]);

  const rate = useCallback(
    async (m: ChatMessage, rating: 'like' | 'dislike') => {
      if (!m.messageId || !transport.feedback) return;
      const next = m.feedback === rating ? null : rating;
      await transport.feedback(m.messageId, next);
      patch(m.id, (x) => ({ ...x, feedback: next }));
    },
    [transport, patch],
  );

  const load = useCallback((id: string, history: ChatMessage[]) => {
    setConversationId(id);
    setMessages(history);
    setSuggestions([]);
  }, []);

  return { messages, send, stop, rate, busy, conversationId, suggestions, load };
}
