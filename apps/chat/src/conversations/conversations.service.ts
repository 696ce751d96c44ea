import { Injectable } from '@nestjs/common';
import { CallerIdentity, ChatContracts, ContractPayloadOf, NotChatAppError, NotFoundError, isUuid } from '@sluice/contracts';
import { EndUserRepository } from '@sluice/database';
import { MessageRepository } from '@sluice/database';
import { ConversationRepository } from '@sluice/database';
import { ProviderCredentialsService } from '@sluice/llm';
import { AppRegistry } from '../apps-registry/app-registry';
import { ConversationNamer } from './conversation-namer';
import { conversationView } from './conversation-view';

@Injectable()
export class ConversationsService {
  constructor(
    private readonly registry: AppRegistry,
    private readonly endUsers: EndUserRepository,
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
    private readonly namer: ConversationNamer,
    private readonly credentials: ProviderCredentialsService,
  ) {}

  /** Service API: cursor pagination (`last_id`; the dify-client SDK sends `first_id`, accepted as the same). */
  async list(caller: CallerIdentity, q: ContractPayloadOf<typeof ChatContracts.conversations>['query']) {
    await this.requireChatApp(caller.appId);
    const endUserId = await this.endUsers.find(caller.appId, caller.userType, caller.sessionId);
    if (!endUserId) return { limit: q.limit, has_more: false, data: [] };
    const lastId = q.last_id || q.first_id;
    let last = null;
    if (lastId) {
      last = isUuid(lastId) ? await this.conversations.findOwned(caller.appId, endUserId, lastId) : null;
      if (!last) throw new NotFoundError('Last Conversation Not Exists.');
    }
    const pinned = q.pinned === 'true' ? true : q.pinned === 'false' ? false : undefined;
    const { rows, hasMore } = await this.conversations.cursorPage(caller.appId, endUserId, q.sort_by, q.limit, last, pinned);
    return { limit: q.limit, has_more: hasMore, data: rows.map(conversationView) };
  }

  /** The seed's Web API: page-numbered `{data, has_more, limit, page, total}`. */
  async listPaged(caller: CallerIdentity, q: ContractPayloadOf<typeof ChatContracts.conversationsPaged>['query']) {
    await this.requireChatApp(caller.appId);
    const endUserId = await this.endUsers.find(caller.appId, caller.userType, caller.sessionId);
    if (!endUserId) return { data: [], has_more: false, limit: q.limit, page: q.page, total: 0 };
    const { rows, total } = await this.conversations.page(caller.appId, endUserId, q.sort_by, q.page, q.limit);
    return { data: rows.map(conversationView), has_more: q.page * q.limit < total, limit: q.limit, page: q.page, total };
  }

  async remove(caller: CallerIdentity, id: string) {
    const conv = await this.owned(caller, id);
    await this.conversations.softDelete(conv.id);
    return { result: 'success' };
  }

  /** Dify's web app pin / unpin. */
  async pin(caller: CallerIdentity, id: string, pinned: boolean) {
    const conv = await this.owned(caller, id);
    await this.conversations.setPinned(conv.id, pinned);
    return { result: 'success' };
  }

  /** The Service API's and the web app's rename: the same fields, each validated by its own contract. */
  async rename(
    caller: CallerIdentity,
    id: string,
    b: ContractPayloadOf<typeof ChatContracts.conversationRename | typeof ChatContracts.webConversationRename>['body'],
    web = false,
  ) {
    const conv = await this.owned(caller, id);
    let name = b.name?.trim() ?? '';
    if (b.auto_generate) {
      const { config } = await this.registry.getRunnable(caller.appId);
      const first = (await this.messages.historyPage(conv.id, 1, null)).rows[0];
      const creds = await this.credentials.resolve(caller.tenantId, config.model.provider || 'openai');
      name = first ? await this.namer.generate(creds, config.model.name, first.query) : conv.name;
    }
    const saved = await this.conversations.rename(conv.id, name);
    const view = conversationView(saved);
    // Dify's web app reads the conversation itself; the seed's web clients read `result` and `data`: both are there.
    return web ? { ...view, result: 'success', data: { id: view.id, name: view.name, updated_at: view.updated_at } } : view;
  }

  private async owned(caller: CallerIdentity, id: string) {
    const endUserId = await this.endUsers.find(caller.appId, caller.userType, caller.sessionId);
    const conv = endUserId && isUuid(id) ? await this.conversations.findOwned(caller.appId, endUserId, id) : null;
    if (!conv) throw new NotFoundError('Conversation Not Exists.');
    return conv;
  }

  private async requireChatApp(appId: string) {
    const { app } = await this.registry.get(appId);
    if (!['chat', 'agent-chat', 'advanced-chat'].includes(app.mode)) throw new NotChatAppError();
  }
}
