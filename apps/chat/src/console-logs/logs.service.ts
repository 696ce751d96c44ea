import { Injectable } from '@nestjs/common';
import { ConsoleContracts, NotChatAppError, NotCompletionAppError, NotFoundError, isUuid, parseAfterLookup } from '@sluice/contracts';
import { App } from '@sluice/database';
import { AppsRepository } from '@sluice/database';
import { LogsRepository } from '@sluice/database';
import { TenantScope } from '../console/apps.service';
import { completionLogView, conversationLogView, messageLogView } from './log-views';

const CHAT_MODES = new Set(['chat', 'agent-chat', 'advanced-chat']);

/**
 * The console's logs: every conversation and message of an app, whoever had them (Service API
 * users, web app visitors, console accounts in the preview), with tokens, latency and feedback.
 */
@Injectable()
export class LogsService {
  constructor(
    private readonly repo: LogsRepository,
    private readonly apps: AppsRepository,
  ) {}

  async conversations(scope: TenantScope, appId: string, kind: 'chat' | 'completion', query: unknown) {
    await this.app(scope, appId, kind);
    const q = parseAfterLookup(ConsoleContracts.logs.conversations, 'query', query);
    if (kind === 'completion') {
      const { rows, total } = await this.repo.completionMessages(scope.tenantId, appId, q);
      return { page: q.page, limit: q.limit, total, has_more: q.page * q.limit < total, data: rows.map(completionLogView) };
    }
    const { rows, total } = await this.repo.conversations(scope.tenantId, appId, q);
    return { page: q.page, limit: q.limit, total, has_more: q.page * q.limit < total, data: rows.map(conversationLogView) };
  }

  async conversation(scope: TenantScope, appId: string, kind: 'chat' | 'completion', id: string) {
    await this.app(scope, appId, kind);
    if (kind === 'completion') {
      const m = isUuid(id) ? await this.repo.message(scope.tenantId, appId, id) : null;
      if (!m || m.conversation_id) throw new NotFoundError('Conversation Not Exists.');
      const feedbacks = await this.repo.feedbacks([m.id]);
      return { ...completionLogView(m), message: messageLogView(m, feedbacks) };
    }
    const c = isUuid(id) ? await this.repo.conversation(scope.tenantId, appId, id) : null;
    if (!c) throw new NotFoundError('Conversation Not Exists.');
    return conversationLogView(c);
  }

  async deleteConversation(scope: TenantScope, appId: string, id: string) {
    await this.app(scope, appId, 'chat');
    if (!isUuid(id) || !(await this.repo.deleteConversation(scope.tenantId, appId, id))) throw new NotFoundError('Conversation Not Exists.');
    return { result: 'success' };
  }

  async messages(scope: TenantScope, appId: string, query: unknown) {
    await this.app(scope, appId, 'chat');
    const q = parseAfterLookup(ConsoleContracts.logs.messages, 'query', query);
    const c = await this.repo.conversation(scope.tenantId, appId, q.conversation_id);
    if (!c) throw new NotFoundError('Conversation Not Exists.');
    if (q.first_id && !(await this.repo.messageInConversation(c.id, q.first_id))) throw new NotFoundError('First message not found');
    const { rows, hasMore } = await this.repo.messages(c.id, q.limit, q.first_id ?? null);
    const feedbacks = await this.repo.feedbacks(rows.map((r) => r.id));
    return {
      limit: q.limit,
      has_more: hasMore,
      data: rows.map((m) =>
        messageLogView(
          m,
          feedbacks.filter((f) => f.message_id === m.id),
        ),
      ),
    };
  }

  async message(scope: TenantScope, appId: string, id: string) {
    await this.app(scope, appId, null);
    const m = isUuid(id) ? await this.repo.message(scope.tenantId, appId, id) : null;
    if (!m) throw new NotFoundError('Message Not Exists.');
    return messageLogView(m, await this.repo.feedbacks([m.id]));
  }

  /** Dify `POST /apps/{id}/feedbacks`: the admin's rating, kept apart from the end user's. */
  async feedback(scope: TenantScope, appId: string, body: unknown) {
    await this.app(scope, appId, null);
    const b = parseAfterLookup(ConsoleContracts.logs.feedback, 'body', body);
    const ok = await this.repo.setAdminFeedback(scope.tenantId, appId, b.message_id, scope.accountId, b.rating, b.content ?? null);
    if (!ok) throw new NotFoundError('Message Not Exists.');
    return { result: 'success' };
  }

  private async app(scope: TenantScope, appId: string, kind: 'chat' | 'completion' | null): Promise<App> {
    const app = isUuid(appId) ? await this.apps.find(scope.tenantId, appId) : null;
    if (!app) throw new NotFoundError('App not found.');
    if (kind === 'chat' && !CHAT_MODES.has(app.mode)) throw new NotChatAppError();
    if (kind === 'completion' && app.mode !== 'completion') throw new NotCompletionAppError();
    return app;
  }
}
