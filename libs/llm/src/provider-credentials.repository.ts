import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProviderCredential } from '@sluice/database';

/** A workspace's sealed provider credentials (provider_credentials); sealing and opening is the service's. */
@Injectable()
export class ProviderCredentialsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  find(tenantId: string, provider: string): Promise<ProviderCredential | null> {
    return this.ds.getRepository(ProviderCredential).findOne({ where: { tenantId, provider } });
  }

  async upsert(tenantId: string, provider: string, sealed: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO provider_credentials (tenant_id, provider, encrypted_config) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, provider) DO UPDATE SET encrypted_config = EXCLUDED.encrypted_config, updated_at = now()`,
      [tenantId, provider, sealed],
    );
  }

  async delete(tenantId: string, provider: string): Promise<void> {
    await this.ds.getRepository(ProviderCredential).delete({ tenantId, provider });
  }
}
