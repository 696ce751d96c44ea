import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, isUuid } from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { Dataset, DatasetDocument, DatasetViewer } from '@sluice/database';
import { DatasetsRepository, DocumentsRepository } from '@sluice/knowledge';

/** The console member behind a request, for dataset permissions; null for the Service API (workspace-wide keys). */
export function viewerOf(req: KnowledgeRequest): DatasetViewer | null {
  if (req.via !== 'console' || !req.accountId) return null;
  return { tenantId: req.tenantId, accountId: req.accountId, role: req.role ?? 'normal' };
}

/**
 * Resolves the dataset and document a request names, always within the caller's workspace:
 * another workspace's ids answer exactly like unknown ids (404), so nothing leaks across tenants.
 * Console members are also held to the dataset's permission (only_me, all_team_members,
 * partial_members); a dataset key, as in Dify, reaches every dataset of its workspace.
 */
@Injectable()
export class DatasetAccess {
  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly documents: DocumentsRepository,
  ) {}

  async dataset(req: KnowledgeRequest): Promise<Dataset> {
    const id = req.datasetId;
    const row = isUuid(id) ? await this.datasets.find(req.tenantId, id) : null;
    if (!row) throw new NotFoundError('Dataset not found.');
    if (req.via === 'api' && !row.enableApi) throw new ForbiddenError('Dataset api access is not enabled.');
    const viewer = viewerOf(req);
    if (viewer && (await this.datasets.hidden(viewer, [row.id])).length) {
      throw new ForbiddenError('You do not have permission to access this dataset.');
    }
    return row;
  }

  async document(req: KnowledgeRequest, dataset: Dataset, documentId = req.documentId): Promise<DatasetDocument> {
    const row = isUuid(documentId) ? await this.documents.find(req.tenantId, dataset.id, documentId) : null;
    if (!row) throw new NotFoundError('Document not found.');
    return row;
  }

  /** The account writes are attributed to (the workspace owner for Service API calls, as in Dify). */
  actor(req: KnowledgeRequest): Promise<string | null> {
    return this.datasets.actingAccount(req.tenantId, req.accountId);
  }
}
