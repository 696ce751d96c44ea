import { Injectable } from '@nestjs/common';
import { CallerIdentity, ChatContracts, ContractPayloadOf, NotFoundError, difyIsoDateTime, isUuid } from '@sluice/contracts';
import { AppRecordsRepository } from './app-records.repository';

/**
 * Dify's `GET /v1/app/feedbacks` and `GET /v1/end-users/{id}`, scoped to the key's app. Unlike most of the
 * API their times are ISO 8601 text: Dify serialises these two from the datetime (see difyIsoDateTime).
 */
@Injectable()
export class AppRecordsService {
  constructor(private readonly repo: AppRecordsRepository) {}

  async feedbacks(caller: CallerIdentity, q: ContractPayloadOf<typeof ChatContracts.appFeedbacks>['query']) {
    const rows = await this.repo.feedbacks(caller.appId, q.page, q.limit);
    return {
      data: rows.map((f) => ({
        id: f.id,
        app_id: f.app_id,
        conversation_id: f.conversation_id,
        message_id: f.message_id,
        rating: f.rating,
        content: f.content,
        from_source: f.from_source,
        from_end_user_id: f.from_source === 'user' ? f.end_user_id : null,
        from_account_id: null,
        created_at: difyIsoDateTime(f.created_at),
        updated_at: difyIsoDateTime(f.updated_at),
      })),
    };
  }

  async endUser(caller: CallerIdentity, id: string) {
    const u = isUuid(id) ? await this.repo.endUser(caller.appId, id) : null;
    if (!u) throw new NotFoundError('End user not found.');
    const external = u.type === 'service_api';
    return {
      id: u.id,
      tenant_id: u.tenant_id,
      app_id: u.app_id,
      type: u.type,
      // The Service API's `user` string is the caller's own id for the end user.
      external_user_id: external ? u.session_id : null,
      name: null,
      is_anonymous: u.type === 'web_app',
      session_id: u.session_id,
      created_at: difyIsoDateTime(u.created_at),
      updated_at: difyIsoDateTime(u.created_at),
    };
  }
}
