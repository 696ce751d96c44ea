import { ChildChunk, DocumentSegment } from '@sluice/database';
import { unix } from '../common/unix-time';

export function childChunkView(c: ChildChunk) {
  return {
    id: c.id,
    segment_id: c.segmentId,
    content: c.content,
    position: c.position,
    word_count: c.wordCount,
    type: c.type,
    created_at: unix(c.createdAt),
    updated_at: unix(c.updatedAt),
  };
}

/** Dify's segment fields. */
export function segmentView(s: DocumentSegment, children: ChildChunk[] = []) {
  return {
    id: s.id,
    position: s.position,
    document_id: s.documentId,
    content: s.content,
    sign_content: s.content,
    answer: s.answer,
    word_count: s.wordCount,
    tokens: s.tokens,
    keywords: s.keywords ?? [],
    index_node_id: s.indexNodeId,
    index_node_hash: s.indexNodeHash,
    hit_count: s.hitCount,
    enabled: s.enabled,
    disabled_at: unix(s.disabledAt),
    disabled_by: null,
    status: s.status,
    created_by: s.createdBy,
    created_at: unix(s.createdAt),
    updated_at: unix(s.updatedAt),
    updated_by: s.updatedBy,
    indexing_at: unix(s.indexingAt),
    completed_at: unix(s.completedAt),
    error: s.error,
    stopped_at: unix(s.stoppedAt),
    child_chunks: children.map(childChunkView),
    // Dify's multimodal attachments and LLM chunk summaries, which Sluice does not make.
    attachments: [],
    summary: null,
  };
}
