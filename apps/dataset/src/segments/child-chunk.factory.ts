import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChildChunk, DatasetDocument, DocumentSegment } from '@sluice/database';
import { childNodeId } from '@sluice/knowledge';
import { charLength, countGptTokens, parseProcessRule, sha256Hex, TextSplitter } from '@sluice/rag';

/** Splits a parent segment into child chunks with the document's own sub-chunk rule (hierarchical_model). */
@Injectable()
export class ChildChunkFactory {
  async generate(m: EntityManager, doc: DatasetDocument, parent: Pick<DocumentSegment, 'id' | 'content' | 'indexNodeId' | 'tenantId' | 'datasetId' | 'documentId'>) {
    const rule = parseProcessRule(doc.processRule);
    const sub = rule.rules.subchunk_segmentation ?? { separator: '\n', max_tokens: 200, chunk_overlap: 0 };
    const pieces = new TextSplitter({ chunkSize: sub.max_tokens, chunkOverlap: sub.chunk_overlap, fixedSeparator: sub.separator }).split(parent.content);
    const rows = pieces.map((content, i) => this.row(m, parent, i + 1, content, 'automatic'));
    if (rows.length) await m.save(rows);
  }

  row(m: EntityManager, parent: Pick<DocumentSegment, 'id' | 'indexNodeId' | 'tenantId' | 'datasetId' | 'documentId'>, position: number, content: string, type: 'automatic' | 'custom'): ChildChunk {
    return m.create(ChildChunk, {
      tenantId: parent.tenantId, datasetId: parent.datasetId, documentId: parent.documentId, segmentId: parent.id, position, content,
      wordCount: charLength(content), tokens: countGptTokens(content), indexNodeId: childNodeId(parent.indexNodeId, position), indexNodeHash: sha256Hex(content), type,
    });
  }
}
