import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConversationRepository } from '@sluice/database';
import { LlmClient, ModelCredentials } from '@sluice/llm';

/** Titles written together: under load many conversations are named within a few milliseconds. */
const FLUSH_AFTER_MS = 20;
const FLUSH_AT = 200;

/** A short title from the first query: immediately by truncation, and by the model when asked. */
@Injectable()
export class ConversationNamer implements OnModuleDestroy {
  private readonly log = new Logger(ConversationNamer.name);
  private pending: { id: string; name: string }[] = [];
  private timer?: NodeJS.Timeout;
  private flushing = Promise.resolve();

  constructor(
    private readonly llm: LlmClient,
    private readonly conversations: ConversationRepository,
  ) {}

  fromQuery(query: string): string {
    const q = query.trim().replace(/\s+/g, ' ');
    return [...q].length > 30 ? [...q].slice(0, 30).join('') + '...' : q || 'New conversation';
  }

  async generate(credentials: ModelCredentials, model: string, query: string): Promise<string> {
    const res = await this.llm.chat({
      credentials,
      model,
      messages: [
        {
          role: 'system',
          content:
            'You write a short title (at most 8 words, no quotes, same language as the user) for a conversation that starts with the user message. Reply with the title only.',
        },
        { role: 'user', content: query.slice(0, 2000) },
      ],
      params: { max_tokens: 32, temperature: 0.2 },
    });
    const title = res.text
      .trim()
      .replace(/^["'“”]+|["'“”]+$/g, '')
      .split('\n')[0]
      .slice(0, 100);
    return title || this.fromQuery(query);
  }

  /** Runs after the answer is sent, so naming never delays the reply; failures keep the truncated name. */
  renameInBackground(conversationId: string, credentials: ModelCredentials, model: string, query: string): void {
    this.generate(credentials, model, query)
      .then((name) => this.queue(conversationId, name))
      .catch((err) => this.log.warn(`auto-naming conversation ${conversationId} failed: ${(err as Error).message}`));
  }

  private queue(id: string, name: string) {
    this.pending.push({ id, name });
    if (this.pending.length >= FLUSH_AT) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS);
  }

  private flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return this.flushing;
    this.flushing = this.flushing.then(() =>
      this.conversations.setNames(batch).catch((err) => this.log.warn(`auto-naming ${batch.length} conversation(s) failed: ${(err as Error).message}`)),
    );
    return this.flushing;
  }

  /** Titles already generated are written before the database goes away. */
  onModuleDestroy(): Promise<void> {
    return this.flush();
  }
}
