import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ForbiddenError, isUuid, NotFoundError } from '@sluice/contracts';
import { Dataset, DatasetDocument } from '@sluice/database';
import { KnowledgeRequest } from './knowledge-request';

/**
 * Resolves the dataset and document a request names, always within the caller's workspace:
 * another workspace's ids answer exactly like unknown ids (404), so nothing leaks across tenants.
 */
@Injectable()
export class DatasetAccess {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async dataset(req: KnowledgeRequest): Promise<Dataset> {
    const id = req.datasetId;
    const row = isUuid(id) ? await this.ds.getRepository(Dataset).findOne({ where: { tenantId: req.tenantId, id } }) : null;
    if (!row) throw new NotFoundError('Dataset not found.');
    if (req.via === 'api' && !row.enableApi) throw new ForbiddenError('Dataset api access is not enabled.');
    return row;
  }

  async document(req: KnowledgeRequest, dataset: Dataset, documentId = req.documentId): Promise<DatasetDocument> {
    const row = isUuid(documentId)
      ? await this.ds.getRepository(DatasetDocument).findOne({ where: { tenantId: req.tenantId, datasetId: dataset.id, id: documentId } })
      : null;
    if (!row) throw new NotFoundError('Document not found.');
    return row;
  }

  /** The workspace owner stands in as `created_by` for Service API calls, which have no account (as in Dify). */
  async actor(req: KnowledgeRequest): Promise<string | null> {
    if (req.accountId) return req.accountId;
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM accounts WHERE tenant_id = $1 ORDER BY (role = 'owner') DESC, created_at ASC LIMIT 1`,
      [req.tenantId],
    );
    return rows[0]?.id ?? null;
  }
}
