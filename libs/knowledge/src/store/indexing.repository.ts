import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A segment as indexing reads it. */
export interface SegmentRow {
  id: string;
  document_id: string;
  position: number;
  content: string;
  /** Q&A segments: matched by full-text together with the question. */
  answer: string | null;
  meta: Record<string, unknown> | null;
  index_node_id: string;
  index_node_hash: string;
  doc_form: string;
}

/** A child chunk as indexing reads it (hierarchical documents embed their children). */
export interface ChildRow {
  id: string;
  segment_id: string;
  document_id: string;
  content: string;
  index_node_id: string;
  index_node_hash: string;
}

/** A dataset's indexing settings as stored. */
export interface DatasetIndexRow {
  id: string;
  tenant_id: string;
  indexing_technique: string | null;
  embedding_model: string | null;
  embedding_model_provider: string | null;
  embedding_dimension: number | null;
}

const SEGMENT_COLUMNS = 's.id, s.document_id, s.position, s.content, s.answer, s.meta, s.index_node_id, s.index_node_hash, d.doc_form';

/** What the segment indexer and the ingest queue read and write: segment rows, their state, the dataset's dimension. */
@Injectable()
export class IndexingRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async dataset(datasetId: string): Promise<DatasetIndexRow | null> {
    const rows: DatasetIndexRow[] = await this.ds.query(
      `SELECT id, tenant_id, indexing_technique, embedding_model, embedding_model_provider, embedding_dimension FROM datasets WHERE id = $1`,
      [datasetId],
    );
    return rows[0] ?? null;
  }

  segments(datasetId: string, segmentIds: string[]): Promise<SegmentRow[]> {
    return this.ds.query(
      `SELECT ${SEGMENT_COLUMNS} FROM document_segments s JOIN documents d ON d.id = s.document_id
        WHERE s.dataset_id = $1 AND s.id = ANY($2::uuid[]) ORDER BY s.position`,
      [datasetId, segmentIds],
    );
  }

  /** A document's next `limit` segments that are not completed, after `afterPosition`, in order. */
  pendingSegments(datasetId: string, documentId: string, afterPosition: number, limit: number): Promise<SegmentRow[]> {
    return this.ds.query(
      `SELECT ${SEGMENT_COLUMNS} FROM document_segments s JOIN documents d ON d.id = s.document_id
        WHERE s.dataset_id = $1 AND s.document_id = $2 AND s.status <> 'completed' AND s.position > $3 ORDER BY s.position LIMIT $4`,
      [datasetId, documentId, afterPosition, limit],
    );
  }

  /** Writes the segments' full-text columns (tsvector literals, one per id). */
  async writeSearchVectors(segmentIds: string[], tsvectors: string[]): Promise<void> {
    await this.ds.query(`UPDATE document_segments s SET search_vector = v.sv::tsvector FROM unnest($1::uuid[], $2::text[]) AS v(id, sv) WHERE s.id = v.id`, [
      segmentIds,
      tsvectors,
    ]);
  }

  async markCompleted(segmentIds: string[]): Promise<void> {
    await this.ds.query(
      `UPDATE document_segments SET status = 'completed', indexing_at = COALESCE(indexing_at, now()), completed_at = now(), error = NULL, stopped_at = NULL
        WHERE id = ANY($1::uuid[])`,
      [segmentIds],
    );
  }

  childrenOf(segmentIds: string[]): Promise<ChildRow[]> {
    return this.ds.query(
      `SELECT id, segment_id, document_id, content, index_node_id, index_node_hash FROM child_chunks WHERE segment_id = ANY($1::uuid[]) ORDER BY segment_id, position`,
      [segmentIds],
    );
  }

  /** Sets the dataset's dimension unless one was set first; returns the dimension it has. */
  async fixDimension(datasetId: string, dimension: number): Promise<number> {
    const rows: { embedding_dimension: number }[] = await this.ds.query(
      `UPDATE datasets SET embedding_dimension = COALESCE(embedding_dimension, $2) WHERE id = $1 RETURNING embedding_dimension`,
      [datasetId, dimension],
    );
    return rows[0]?.embedding_dimension ?? dimension;
  }

  /** A queued document's first deadline: the watchdog re-enqueues it if no stage picks it up by then. */
  async armWaitingDeadline(documentId: string, generation: number, seconds: number): Promise<void> {
    await this.ds.query(
      `UPDATE documents SET stage_deadline_at = now() + make_interval(secs => $3)
       WHERE id = $1 AND generation = $2 AND indexing_status = 'waiting'`,
      [documentId, generation, seconds],
    );
  }
}
