import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface FeedbackRow {
  id: string;
  app_id: string;
  conversation_id: string | null;
  message_id: string;
  rating: string;
  content: string | null;
  from_source: string;
  end_user_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface EndUserRow {
  id: string;
  tenant_id: string;
  app_id: string;
  type: string;
  session_id: string;
  created_at: Date;
}

/** Read-only app records the newer Service API exposes: all feedbacks of an app, one end user. */
@Injectable()
export class AppRecordsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  feedbacks(appId: string, page: number, limit: number): Promise<FeedbackRow[]> {
    return this.ds.query(
      `SELECT id, app_id, conversation_id, message_id, rating, content, from_source, end_user_id, created_at, updated_at
         FROM message_feedbacks WHERE app_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [appId, limit, (page - 1) * limit],
    );
  }

  async endUser(appId: string, id: string): Promise<EndUserRow | null> {
    const rows = await this.ds.query('SELECT id, tenant_id, app_id, type, session_id, created_at FROM end_users WHERE app_id = $1 AND id = $2', [appId, id]);
    return rows[0] ?? null;
  }
}
