import { Injectable } from '@nestjs/common';
import { CallerIdentity, ChatContracts, ContractPayloadOf, NotChatAppError, NotFoundError, SuggestedQuestionsDisabledError, isUuid } from '@sluice/contracts';
import { EndUserRepository, Message } from '@sluice/database';
import { ConversationRepository } from '@sluice/database';
import { MessageRepository } from '@sluice/database';
import { LlmClient, ProviderCredentialsService } from '@sluice/llm';
import { AppRegistry } from '../apps-registry/app-registry';

@Injectable()
export class MessagesService {
  constructor(
    private readonly registry: AppRegistry,
    private readonly endUsers: EndUserRepository,
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
    private readonly llm: LlmClient,
    private readonly credentials: ProviderCredentialsService,
  ) {}

  async list(caller: CallerIdentity, q: ContractPayloadOf<typeof ChatContracts.messages>['query']) {
    await this.requireChatApp(caller.appId);
    const endUserId = await this.endUsers.find(caller.appId, caller.userType, caller.sessionId);
    const conv = endUserId && isUuid(q.conversation_id) ? await this.conversations.findOwned(caller.appId, endUserId, q.conversation_id) : null;
    if (!conv) throw new NotFoundError('Conversation Not Exists.');
    let first: Message | null = null;
    if (q.first_id) {
      first = isUuid(q.first_id) ? await this.messages.findInApp(caller.appId, q.first_id) : null;
      if (!first || first.conversationId !== conv.id) throw new NotFoundError('First Message Not Exists.');
    }
    const { rows, hasMore } = await this.messages.historyPage(conv.id, q.limit, first);
    const feedback = await this.messages.feedbacksFor(rows.map((r) => r.id));
    return {
      limit: q.limit,
      has_more: hasMore,
      data: rows.map((m) => ({
        id: m.id,
        conversation_id: m.conversationId,
        parent_message_id: m.parentMessageId,
        inputs: m.inputs,
        query: m.query,
        answer: m.answer,
        status: m.status === 'running' ? 'normal' : m.status,
        error: m.error,
        message_files: m.messageFiles,
        feedback: feedback.has(m.id) ? { rating: feedback.get(m.id)!.rating } : null,
        retriever_resources: m.retrieverResources,
        agent_thoughts: [],
        // Dify's human-input contents of a paused chatflow turn, which Sluice does not have.
        extra_contents: [],
        message_tokens: m.messageTokens,
        answer_tokens: m.answerTokens,
        total_tokens: m.messageTokens + m.answerTokens,
        provider_response_latency: m.latency,
        total_price: String(m.totalPrice),
        currency: m.currency,
        created_at: Math.floor(m.createdAt.getTime() / 1000),
      })),
    };
  }

  async feedback(caller: CallerIdentity, messageId: string, b: ContractPayloadOf<typeof ChatContracts.feedback>['body']) {
    const { msg, endUserId } = await this.ownedMessage(caller, messageId);
    await this.messages.setFeedback(msg, b.rating, b.content ?? null, endUserId);
    return { result: 'success' };
  }

  async suggested(caller: CallerIdentity, messageId: string) {
    const { config } = await this.registry.getRunnable(caller.appId);
    if (!config.suggested_questions_after_answer?.enabled) throw new SuggestedQuestionsDisabledError();
    const { msg } = await this.ownedMessage(caller, messageId);
    const creds = await this.credentials.resolve(caller.tenantId, config.model.provider || 'openai');
    const res = await this.llm.chat({
      credentials: creds,
      model: config.model.name,
      messages: [
        {
          role: 'system',
          content:
            'Suggest exactly three short follow-up questions the user might ask next, in the language of the conversation. Reply with a JSON array of three strings and nothing else.',
        },
        { role: 'user', content: `User: ${msg.query}\nAssistant: ${msg.answer}`.slice(0, 8000) },
      ],
      params: { temperature: 0.3, max_tokens: 256 },
    });
    return { result: 'success', data: parseQuestions(res.text) };
  }

  private async ownedMessage(caller: CallerIdentity, messageId: string) {
    const endUserId = await this.endUsers.find(caller.appId, caller.userType, caller.sessionId);
    const msg = endUserId && isUuid(messageId) ? await this.messages.findInApp(caller.appId, messageId) : null;
    if (!msg || msg.endUserId !== endUserId) throw new NotFoundError('Message Not Exists.');
    return { msg, endUserId: endUserId! };
  }

  private async requireChatApp(appId: string) {
    const { app } = await this.registry.get(appId);
    if (!['chat', 'agent-chat', 'advanced-chat'].includes(app.mode)) throw new NotChatAppError();
  }
}

/** Models wrap JSON in prose or code fences; take the first array found, else one question per line. */
export function parseQuestions(text: string): string[] {
  const m = text.match(/\[[\s\S]*\]/);
  if (m) {
    try {
      const arr = JSON.parse(m[0]);
      if (Array.isArray(arr)) return arr.filter((x) => typeof x === 'string' && x.trim()).slice(0, 3);
    } catch {
      /* fall through to line parsing */
    }
  }
  return text
    .split('\n')
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter(Boolean)
    .slice(0, 3);
}
