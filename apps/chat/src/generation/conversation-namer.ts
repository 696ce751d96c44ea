import { Injectable, Logger } from '@nestjs/common';
import { LlmClient, ModelCredentials } from '@sluice/llm';
import { ConversationRepository } from '@sluice/database';

/** A short title from the first query: immediately by truncation, and by the model when asked. */
@Injectable()
export class ConversationNamer {
  private readonly log = new Logger(ConversationNamer.name);

  constructor(private readonly llm: LlmClient, private readonly conversations: ConversationRepository) {}

  fromQuery(query: string): string {
    const q = query.trim().replace(/\s+/g, ' ');
    return [...q].length > 30 ? [...q].slice(0, 30).join('') + '...' : q || 'New conversation';
  }

  async generate(credentials: ModelCredentials, model: string, query: string): Promise<string> {
    const res = await this.llm.chat({
      credentials,
      model,
      messages: [
        { role: 'system', content: 'You write a short title (at most 8 words, no quotes, same language as the user) for a conversation that starts with the user message. Reply with the title only.' },
        { role: 'user', content: query.slice(0, 2000) },
      ],
      params: { max_tokens: 32, temperature: 0.2 },
    });
    const title = res.text.trim().replace(/^["'“”]+|["'“”]+$/g, '').split('\n')[0].slice(0, 100);
    return title || this.fromQuery(query);
  }

  /** Runs after the answer is sent, so naming never delays the reply; failures keep the truncated name. */
  renameInBackground(conversationId: string, credentials: ModelCredentials, model: string, query: string): void {
    this.generate(credentials, model, query)
      .then((name) => this.conversations.rename(conversationId, name))
      .catch((err) => this.log.warn(`auto-naming conversation ${conversationId} failed: ${(err as Error).message}`));
  }
}
