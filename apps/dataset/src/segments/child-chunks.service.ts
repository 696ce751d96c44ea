import { Injectable } from '@nestjs/common';
import { InvalidParamError, NotFoundError, isUuid, parseAfterLookup } from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { DatasetContracts } from '@sluice/contracts';
import { ChildChunk, DatasetDocument, DocumentSegment } from '@sluice/database';
import { SegmentIndexer } from '@sluice/knowledge';
import { SegmentsRepository } from '@sluice/knowledge';
import { charLength, countGptTokens, sha256Hex } from '@sluice/rag';
import { ChildChunkFactory } from './child-chunk.factory';
import { childChunkView } from './segment-view';
import { SegmentsService } from './segments.service';

/** Child chunks of hierarchical (parent-child) documents: the children are embedded, the parent is returned. */
@Injectable()
export class ChildChunksService {
  constructor(
    private readonly segments: SegmentsService,
    private readonly repo: SegmentsRepository,
    private readonly factory: ChildChunkFactory,
    private readonly indexer: SegmentIndexer,
  ) {}

  async list(req: KnowledgeRequest) {
    const { parent } = await this.parent(req);
    const q = parseAfterLookup(DatasetContracts.segments.childList, 'query', req.query);
    const { rows, total } = await this.repo.childPage(req.tenantId, parent.id, q);
    return { data: rows.map(childChunkView), total, total_pages: Math.ceil(total / q.limit), page: q.page, limit: q.limit };
  }

  async create(req: KnowledgeRequest) {
    const { dataset, parent } = await this.parent(req);
    const { content } = parseAfterLookup(DatasetContracts.segments.childCreate, 'body', req.body);
    const child = await this.repo.transaction(async (m) => {
      await this.repo.lockDocument(m, parent.documentId);
      const position = (await this.repo.maxPosition(m, 'child_chunks', 'segment_id', parent.id)) + 1;
      const [row] = await this.repo.insertChildChunks(m, [this.factory.row(parent, position, content, 'custom')]);
      return row;
    });
    await this.segments.index(dataset, [parent.id]);
    return { data: childChunkView(child) };
  }

  async update(req: KnowledgeRequest) {
    const { dataset, parent } = await this.parent(req);
    const child = await this.child(req, parent);
    const { content } = parseAfterLookup(DatasetContracts.segments.childUpdate, 'body', req.body);
    await this.repo.updateChild(req.tenantId, child.id, {
      content,
      wordCount: charLength(content),
      tokens: countGptTokens(content),
      indexNodeHash: sha256Hex(content),
      type: 'custom',
    });
    await this.segments.index(dataset, [parent.id]);
    return { data: childChunkView((await this.repo.findChild(req.tenantId, parent.id, child.id))!) };
  }

  async remove(req: KnowledgeRequest): Promise<void> {
    const { dataset, parent } = await this.parent(req);
    const child = await this.child(req, parent);
    await this.repo.deleteChildren(req.tenantId, [child.id]);
    await this.indexer.removeVectors(dataset.id, [child.indexNodeId]);
  }

  private async parent(req: KnowledgeRequest) {
    const { dataset, doc } = await this.segments.context(req);
    this.requireHierarchical(doc);
    return { dataset, doc, parent: await this.segments.segment(req, doc) };
  }

  private requireHierarchical(doc: DatasetDocument) {
    if (doc.docForm !== 'hierarchical_model')
      throw new InvalidParamError('Child chunks exist only in hierarchical_model (parent-child) documents.', { params: 'doc_form' });
  }

  private async child(req: KnowledgeRequest, parent: DocumentSegment): Promise<ChildChunk> {
    const row = isUuid(req.childChunkId) ? await this.repo.findChild(req.tenantId, parent.id, req.childChunkId) : null;
    if (!row) throw new NotFoundError('Child chunk not found.');
    return row;
  }
}
