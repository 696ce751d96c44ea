import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Resolves a caller's `user` string to an end_users row id, creating it on first sight. */
@Injectable()
export class EndUserRepository {
  private readonly cache = new Map<string, string>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async idFor(tenantId: string, appId: string, type: string, sessionId: string): Promise<string> {
    const key = `${appId}\u0000${type}\u0000${sessionId}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    // One round trip whether or not the row exists; the no-op update makes RETURNING yield the old row.
    const rows: { id: string }[] = await this.ds.query(
      `INSERT INTO end_users (tenant_id, app_id, type, session_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (app_id, type, session_id) DO UPDATE SET session_id = EXCLUDED.session_id RETURNING id`,
      [tenantId, appId, type, sessionId],
    );
    const id = rows[0].id;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, id);
    return id;
  }

  /** Lookup without creating: reads must not create users. */
  async find(appId: string, type: string, sessionId: string): Promise<string | null> {
    const key = `${appId}\u0000${type}\u0000${sessionId}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const rows: { id: string }[] = await this.ds.query('SELECT id FROM end_users WHERE app_id = $1 AND type = $2 AND session_id = $3', [
      appId,
      type,
      sessionId,
    ]);
    if (rows[0]) this.cache.set(key, rows[0].id);
    return rows[0]?.id ?? null;
  }
}
