import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface KeyRecord {
  keyId: string;
  type: 'app' | 'dataset';
  tenantId: string;
  appId: string | null;
  appMode: string | null;
  appStatus: string | null;
  enableApi: boolean;
  apiRpm: number;
  maxActiveRequests: number;
}

@Injectable()
export class ApiKeyRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async findByHash(hash: string): Promise<KeyRecord | null> {
    const rows = await this.ds.query(
      `SELECT t.id AS "keyId", t.type, t.tenant_id AS "tenantId", t.app_id AS "appId", a.mode AS "appMode",
              a.status AS "appStatus", COALESCE(a.enable_api, true) AS "enableApi", COALESCE(a.api_rpm, 0) AS "apiRpm",
              COALESCE(a.max_active_requests, 0) AS "maxActiveRequests"
         FROM api_tokens t LEFT JOIN apps a ON a.id = t.app_id
        WHERE t.token_hash = $1`,
      [hash],
    );
    return rows[0] ?? null;
  }

  async touch(keyId: string): Promise<void> {
    await this.ds.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [keyId]);
  }

  async appTenant(appId: string): Promise<{ tenantId: string; mode: string } | null> {
    const rows = await this.ds.query('SELECT tenant_id AS "tenantId", mode FROM apps WHERE id = $1', [appId]);
    return rows[0] ?? null;
  }

  /** The app a web app code names, for `/api/passport`. */
  async appBySiteCode(code: string): Promise<{ id: string; tenantId: string; status: string; enableSite: boolean } | null> {
    const rows = await this.ds.query('SELECT id, tenant_id AS "tenantId", status, enable_site AS "enableSite" FROM apps WHERE site_code = $1', [code]);
    return rows[0] ?? null;
  }

  async appSite(appId: string): Promise<{ status: string; enableSite: boolean; siteCode: string } | null> {
    const rows = await this.ds.query('SELECT status, enable_site AS "enableSite", site_code AS "siteCode" FROM apps WHERE id = $1', [appId]);
    return rows[0] ?? null;
  }

  async conversationApp(conversationId: string): Promise<string | null> {
    const rows = await this.ds.query('SELECT app_id AS "appId" FROM conversations WHERE id = $1 AND NOT is_deleted', [conversationId]);
    return rows[0]?.appId ?? null;
  }

  async ping(): Promise<void> {
    await this.ds.query('SELECT 1');
  }
}
