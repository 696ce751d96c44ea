import { Injectable } from '@nestjs/common';
import { ChildChunk, DatasetDocument, DocumentSegment } from '@sluice/database';
import { childNodeId } from '@sluice/knowledge';
import { TextSplitter, charLength, countGptTokens, parseProcessRule, sha256Hex } from '@sluice/rag';

/** Splits a parent segment into child chunks with the document's own sub-chunk rule (hierarchical_model). */
@Injectable()
export class ChildChunkFactory {
  generate(
    doc: DatasetDocument,
    parent: Pick<DocumentSegment, 'id' | 'content' | 'indexNodeId' | 'tenantId' | 'datasetId' | 'documentId'>,
  ): Partial<ChildChunk>[] {
    const rule = parseProcessRule(doc.processRule);
    const sub = rule.rules.subchunk_segmentation ?? { separator: '\n', max_tokens: 200, chunk_overlap: 0 };
    const pieces = new TextSplitter({ chunkSize: sub.max_tokens, chunkOverlap: sub.chunk_overlap, fixedSeparator: sub.separator }).split(parent.content);
    return pieces.map((content, i) => this.row(parent, i + 1, content, 'automatic'));
  }

  row(
    parent: Pick<DocumentSegment, 'id' | 'indexNodeId' | 'tenantId' | 'datasetId' | 'documentId'>,
    position: number,
    content: string,
    type: 'automatic' | 'custom',
  ): Partial<ChildChunk> {
    return {
      tenantId: parent.tenantId,
      datasetId: parent.datasetId,
      documentId: parent.documentId,
      segmentId: parent.id,
      position,
      content,
      wordCount: charLength(content),
      tokens: countGptTokens(content),
      indexNodeId: childNodeId(parent.indexNodeId, position),
      indexNodeHash: sha256Hex(content),
      type,
    };
  }
}
