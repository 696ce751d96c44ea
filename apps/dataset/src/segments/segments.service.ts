import { Injectable } from '@nestjs/common';
import { InvalidParamError, NotFoundError, isUuid, parseAfterLookup } from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { DatasetContracts } from '@sluice/contracts';
import { Dataset, DatasetDocument, DocumentSegment } from '@sluice/database';
import { SegmentIndexer, segmentNodeId } from '@sluice/knowledge';
import { SegmentsRepository } from '@sluice/knowledge';
import { charLength, countGptTokens, sha256Hex } from '@sluice/rag';
import { DatasetAccess } from '../common/dataset-access.service';
import { pageBody } from '../common/pagination';
import { ChildChunkFactory } from './child-chunk.factory';
import { segmentView } from './segment-view';

/**
 * Manual segment edits on a completed document. Every change is re-indexed at once (full-text
 * column and, for high_quality datasets, vectors), so retrieval sees it on the next query.
 */
@Injectable()
export class SegmentsService {
  constructor(
    private readonly access: DatasetAccess,
    private readonly repo: SegmentsRepository,
    private readonly indexer: SegmentIndexer,
    private readonly children: ChildChunkFactory,
  ) {}

  async list(req: KnowledgeRequest) {
    const { doc } = await this.context(req);
    const q = parseAfterLookup(DatasetContracts.segments.list, 'query', req.query);
    const { rows, total } = await this.repo.page(req.tenantId, doc.id, q);
    const kids =
      doc.docForm === 'hierarchical_model'
        ? await this.repo.childrenOf(
            req.tenantId,
            rows.map((r) => r.id),
          )
        : [];
    return {
      ...pageBody(
        rows.map((s) =>
          segmentView(
            s,
            kids.filter((c) => c.segmentId === s.id),
          ),
        ),
        total,
        q.page,
        q.limit,
      ),
      doc_form: doc.docForm,
    };
  }

  async create(req: KnowledgeRequest) {
    const { dataset, doc } = await this.context(req);
    if (doc.indexingStatus !== 'completed' || doc.isPaused) throw new NotFoundError('Document is not completed.');
    const { segments } = parseAfterLookup(DatasetContracts.segments.create, 'body', req.body);
    if (doc.docForm === 'qa_model' && segments.some((s) => !s.answer?.trim()))
      throw new InvalidParamError('Answer is required for qa_model documents.', { params: 'segments.answer' });
    const actor = await this.access.actor(req);
    const created = await this.repo.transaction(async (m) => {
      await this.repo.lockDocument(m, doc.id);
      const start = await this.repo.maxPosition(m, 'document_segments', 'document_id', doc.id);
      const rows = segments.map((s, i): Partial<DocumentSegment> => ({
        tenantId: req.tenantId,
        datasetId: dataset.id,
        documentId: doc.id,
        position: start + i + 1,
        content: s.content,
        answer: s.answer ?? null,
        keywords: s.keywords ?? [],
        wordCount: charLength(s.content) + (s.answer ? charLength(s.answer) : 0),
        tokens: countGptTokens(s.content),
        indexNodeId: segmentNodeId(doc.id, doc.generation, start + i + 1),
        indexNodeHash: sha256Hex(s.content),
        status: 'indexing',
        indexingAt: new Date(),
        enabled: true,
        createdBy: actor,
      }));
      const saved = await this.repo.insertSegments(m, rows);
      if (doc.docForm === 'hierarchical_model') for (const s of saved) await this.repo.insertChildChunks(m, this.children.generate(doc, s));
      return saved;
    });
    const ids = created.map((s) => s.id);
    await this.index(dataset, ids);
    await this.repo.refreshDocumentTotals(
      req.tenantId,
      doc.id,
      created.reduce((n, s) => n + s.wordCount, 0),
    );
    return { data: await this.views(doc, ids), doc_form: doc.docForm };
  }

  async get(req: KnowledgeRequest) {
    const { doc } = await this.context(req);
    const seg = await this.segment(req, doc);
    return { data: (await this.views(doc, [seg.id]))[0], doc_form: doc.docForm };
  }

  async update(req: KnowledgeRequest) {
    const { dataset, doc } = await this.context(req);
    const seg = await this.segment(req, doc);
    const { segment: b } = parseAfterLookup(DatasetContracts.segments.update, 'body', req.body);
    const updatedBy = await this.access.actor(req);
    if (b.enabled === false) {
      // Disabling only hides the segment: its vectors go, its text stays for re-enabling.
      await this.repo.update(req.tenantId, seg.id, { enabled: false, disabledAt: new Date(), updatedBy });
      await this.indexer.removeVectors(dataset.id, await this.nodeIds(seg));
      return { data: (await this.views(doc, [seg.id]))[0], doc_form: doc.docForm };
    }
    if (!seg.enabled && b.enabled !== true) throw new InvalidParamError("Can't update disabled segment.", { params: 'segment.enabled' });
    const patch: Partial<DocumentSegment> = { enabled: true, disabledAt: null, updatedBy };
    const newContent = b.content !== undefined && b.content !== seg.content ? b.content : null;
    if (newContent !== null || b.answer !== undefined) {
      const content = newContent ?? seg.content;
      const answer = b.answer !== undefined ? b.answer : seg.answer;
      Object.assign(patch, {
        content,
        answer,
        wordCount: charLength(content) + (answer ? charLength(answer) : 0),
        tokens: countGptTokens(content),
        indexNodeHash: sha256Hex(content),
      });
    }
    if (b.keywords) patch.keywords = b.keywords;
    await this.repo.update(req.tenantId, seg.id, { ...patch, status: 'indexing' });
    if (doc.docForm === 'hierarchical_model' && newContent !== null && b.regenerate_child_chunks) {
      const old = await this.repo.childrenOf(req.tenantId, [seg.id]);
      await this.indexer.removeVectors(
        dataset.id,
        old.map((c) => c.indexNodeId),
      );
      await this.repo.transaction(async (m) => {
        await this.repo.deleteChildrenOf(m, req.tenantId, seg.id);
        await this.repo.insertChildChunks(m, this.children.generate(doc, { ...seg, content: newContent }));
      });
    }
    await this.index(dataset, [seg.id]);
    await this.repo.refreshDocumentTotals(req.tenantId, doc.id, (patch.wordCount ?? seg.wordCount) - seg.wordCount);
    return { data: (await this.views(doc, [seg.id]))[0], doc_form: doc.docForm };
  }

  async remove(req: KnowledgeRequest): Promise<void> {
    const { dataset, doc } = await this.context(req);
    const seg = await this.segment(req, doc);
    const nodeIds = await this.nodeIds(seg);
    await this.repo.delete(req.tenantId, seg.id);
    await this.indexer.removeVectors(dataset.id, nodeIds);
    await this.repo.refreshDocumentTotals(req.tenantId, doc.id, -seg.wordCount);
  }

  async context(req: KnowledgeRequest): Promise<{ dataset: Dataset; doc: DatasetDocument }> {
    const dataset = await this.access.dataset(req);
    return { dataset, doc: await this.access.document(req, dataset) };
  }

  async segment(req: KnowledgeRequest, doc: DatasetDocument): Promise<DocumentSegment> {
    const seg = isUuid(req.segmentId) ? await this.repo.find(req.tenantId, doc.id, req.segmentId) : null;
    if (!seg) throw new NotFoundError('Segment not found.');
    return seg;
  }

  /** Indexes now; a failure (e.g. the embedding provider is down) is recorded on the segments and reported. */
  async index(dataset: Dataset, segmentIds: string[]): Promise<void> {
    try {
      await this.indexer.indexSegments(dataset.id, segmentIds);
    } catch (err) {
      await this.repo.markError(dataset.tenantId, segmentIds, (err as Error).message);
      throw err;
    }
  }

  private async nodeIds(seg: DocumentSegment): Promise<string[]> {
    return [seg.indexNodeId, ...(await this.repo.childrenOf(seg.tenantId, [seg.id])).map((c) => c.indexNodeId)];
  }

  private async views(doc: DatasetDocument, ids: string[]) {
    const rows = await this.repo.findByIds(doc.tenantId, ids);
    const kids = doc.docForm === 'hierarchical_model' ? await this.repo.childrenOf(doc.tenantId, ids) : [];
    return rows.map((s) =>
      segmentView(
        s,
        kids.filter((c) => c.segmentId === s.id),
      ),
    );
  }
}
