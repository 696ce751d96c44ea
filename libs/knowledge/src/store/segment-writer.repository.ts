import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { IngestJobData } from '@sluice/contracts';
import type { Segment } from '@sluice/rag';
import { searchableText, toTsvectorLiteral } from '../full-text/full-text-tokenizer';
import { childNodeId, segmentNodeId } from '../knowledge-ids';

/** Rows per INSERT: large enough to amortize round trips, small enough to keep parameter arrays modest. */
export const INSERT_BATCH = 500;

interface Statement {
  sql: string;
  params: unknown[];
}

/** Where the split stage puts its segments, in order. */
export interface SegmentSink {
  add(s: Segment): Promise<void>;
}

/**
 * Bulk inserts of segments and their child chunks through `unnest`, one statement per table per batch.
 * One batch is in the database while the caller splits and encodes the next: the transaction's single
 * connection runs statements one at a time anyway, and this way the CPU work is not serialized behind them.
 */
export class SegmentWriter implements SegmentSink {
  segments = 0;
  tokens = 0;
  private pending: Segment[] = [];
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly m: EntityManager,
    private readonly job: IngestJobData,
  ) {}

  async add(s: Segment): Promise<void> {
    this.pending.push(s);
    if (this.pending.length >= INSERT_BATCH) await this.send();
  }

  /** Writes what is pending and returns once every batch is in the database (or throws the first failure). */
  async flush(): Promise<void> {
    await this.send();
    await this.inFlight;
  }

  private async send(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    const statements = this.statements(batch);
    await this.inFlight;
    this.inFlight = this.run(statements, batch);
    // Observed by the next send or flush; this only keeps a failure from counting as unhandled meanwhile.
    this.inFlight.catch(() => undefined);
  }

  private async run(statements: Statement[], batch: Segment[]): Promise<void> {
    for (const st of statements) await this.m.query(st.sql, st.params);
    this.segments += batch.length;
    this.tokens += batch.reduce((n, s) => n + s.tokens, 0);
  }

  private statements(batch: Segment[]): Statement[] {
    const { tenantId, datasetId, documentId, generation } = this.job;
    const ids = batch.map(() => randomUUID());
    const nodeIds = batch.map((s) => segmentNodeId(documentId, generation, s.position));
    const out: Statement[] = [
      {
        sql: `INSERT INTO document_segments (id, tenant_id, dataset_id, document_id, position, content, answer, word_count, tokens, meta,
                                             index_node_id, index_node_hash, status, search_vector, created_by)
              SELECT id, $1, $2, $3, pos, content, answer, wc, tk, meta, node, hash, 'waiting', sv::tsvector,
                     (SELECT created_by FROM documents WHERE id = $3)
                FROM unnest($4::uuid[], $5::int[], $6::text[], $7::int[], $8::int[], $9::jsonb[], $10::uuid[], $11::text[], $12::text[], $13::text[])
                  AS t(id, pos, content, wc, tk, meta, node, hash, sv, answer)`,
        params: [
          tenantId,
          datasetId,
          documentId,
          ids,
          batch.map((s) => s.position),
          batch.map((s) => s.content),
          batch.map((s) => s.wordCount),
          batch.map((s) => s.tokens),
          batch.map((s) => JSON.stringify(meta(s))),
          nodeIds,
          batch.map((s) => s.hash),
          batch.map((s) => toTsvectorLiteral(searchableText(s))),
          batch.map((s) => s.answer ?? null),
        ],
      },
    ];
    const children = batch.flatMap((s, i) => (s.children ?? []).map((c) => ({ c, segmentId: ids[i], node: childNodeId(nodeIds[i], c.position) })));
    for (let i = 0; i < children.length; i += INSERT_BATCH) {
      const part = children.slice(i, i + INSERT_BATCH);
      out.push({
        sql: `INSERT INTO child_chunks (tenant_id, dataset_id, document_id, segment_id, position, content, word_count, tokens,
                                        index_node_id, index_node_hash, type, search_vector)
              SELECT $1, $2, $3, seg, pos, content, wc, tk, node, hash, 'automatic', sv::tsvector
                FROM unnest($4::uuid[], $5::int[], $6::text[], $7::int[], $8::int[], $9::uuid[], $10::text[], $11::text[])
                  AS t(seg, pos, content, wc, tk, node, hash, sv)`,
        params: [
          tenantId,
          datasetId,
          documentId,
          part.map((x) => x.segmentId),
          part.map((x) => x.c.position),
          part.map((x) => x.c.content),
          part.map((x) => x.c.wordCount),
          part.map((x) => x.c.tokens),
          part.map((x) => x.node),
          part.map((x) => x.c.hash),
          part.map((x) => toTsvectorLiteral(x.c.content)),
        ],
      });
    }
    return out;
  }
}

function meta(s: Segment): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  if (s.page !== undefined) m.page = s.page;
  if (s.headingPath?.length) m.heading_path = s.headingPath;
  return m;
}
