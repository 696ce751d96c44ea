import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatasetViewer, hiddenDatasetIds } from '@sluice/database';
import { BUILT_IN_FIELDS, SegmentsRepository, quoteLexeme } from '@sluice/knowledge';
import { idf } from './keyword-scorer';
import type { MetadataField } from './metadata-conditions-prompt';
import { MetadataFilter, metadataFilterSql } from './metadata-filter';

export interface DatasetRow {
  id: string;
  name: string;
  indexing_technique: string | null;
  embedding_model: string | null;
  embedding_model_provider: string | null;
  embedding_dimension: number | null;
  retrieval_model: Record<string, unknown> | null;
  doc_form: string | null;
  enable_api: boolean;
}

/** A segment as retrieval returns it, with its document and dataset. */
export interface SegmentRow {
  id: string;
  dataset_id: string;
  dataset_name: string;
  document_id: string;
  document_name: string;
  data_source_type: string;
  doc_metadata: Record<string, unknown> | null;
  position: number;
  content: string;
  answer: string | null;
  word_count: number;
  tokens: number;
  keywords: string[];
  index_node_id: string;
  index_node_hash: string;
  hit_count: number;
  enabled: boolean;
  status: string;
  created_by: string | null;
  created_at: Date;
  completed_at: Date | null;
}

export interface ChildChunkRow {
  id: string;
  segment_id: string;
  content: string;
  position: number;
}

/** A full-text candidate: the segment (and, for hierarchical datasets, the child chunk) that matched. */
export interface TextCandidate {
  segment_id: string;
  child_id: string | null;
  content: string;
}

/** Only what a user would consider live: enabled segments of enabled, unarchived, completed documents. */
const ELIGIBLE = `s.enabled AND s.status = 'completed' AND d.enabled AND NOT d.archived AND d.indexing_status = 'completed'`;
const SIZE_TTL_MS = 60_000;
const SIZE_CACHE_MAX = 10_000;
/** Lexeme frequencies drift slowly; within this age they steer the pruned search. */
const DF_TTL_MS = 600_000;
const DF_CACHE_MAX = 200_000;

/** Rows (segments, or child chunks of hierarchical datasets) of dataset $2 in workspace $1 matching tsquery $3. */
function fromMatching(children: boolean): string {
  return children
    ? `child_chunks c JOIN document_segments s ON s.id = c.segment_id JOIN documents d ON d.id = s.document_id
        WHERE c.tenant_id = $1 AND c.dataset_id = $2 AND c.search_vector @@ $3::tsquery`
    : `document_segments s JOIN documents d ON d.id = s.document_id
        WHERE s.tenant_id = $1 AND s.dataset_id = $2 AND s.search_vector @@ $3::tsquery`;
}

@Injectable()
export class SegmentSearchRepository {
  /** A dataset's size changes slowly; caching it keeps a full-text query to one indexed SELECT. */
  private readonly sizes = new Map<string, { at: number; value: { total: number; avgLength: number } }>();
  private readonly refreshing = new Set<string>();
  private readonly docFreqs = new Map<string, { at: number; df: number }>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly segments: SegmentsRepository,
  ) {}

  /** The metadata fields of these datasets (built-in ones where a dataset enabled them), each name once. */
  async metadataFields(tenantId: string, datasetIds: string[]): Promise<MetadataField[]> {
    if (!datasetIds.length) return [];
    const [rows, builtIn]: [MetadataField[], { n: number }[]] = await Promise.all([
      this.ds.query(
        `SELECT DISTINCT ON (name) name, type FROM dataset_metadatas WHERE tenant_id = $1 AND dataset_id = ANY($2::uuid[]) ORDER BY name, created_at`,
        [tenantId, datasetIds],
      ),
      this.ds.query(`SELECT count(*)::int AS n FROM datasets WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND built_in_field_enabled`, [tenantId, datasetIds]),
    ]);
    const names = new Set(rows.map((r) => r.name));
    return builtIn[0].n > 0 ? [...rows, ...BUILT_IN_FIELDS.filter((f) => !names.has(f.name))] : rows;
  }

  /** Of these datasets, the ones a console member may not see (their permission). */
  hiddenFrom(viewer: DatasetViewer, ids: string[]): Promise<string[]> {
    return hiddenDatasetIds(this.ds, viewer, ids);
  }

  async findDatasets(tenantId: string, ids: string[]): Promise<DatasetRow[]> {
    if (!ids.length) return [];
    return this.ds.query(
      `SELECT id, name, indexing_technique, embedding_model, embedding_model_provider, embedding_dimension, retrieval_model, doc_form, enable_api
         FROM datasets WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
  }

  async documentIdsMatching(tenantId: string, datasetIds: string[], filter: MetadataFilter): Promise<string[]> {
    const { sql, params } = metadataFilterSql(filter, 2);
    const rows: { id: string }[] = await this.ds.query(`SELECT d.id FROM documents d WHERE d.tenant_id = $1 AND d.dataset_id = ANY($2::uuid[]) AND ${sql}`, [
      tenantId,
      datasetIds,
      ...params,
    ]);
    return rows.map((r) => r.id);
  }

  /**
   * Full-text candidates and the query lexemes' document frequencies, in ONE pass over the matching
   * rows (a window count), since visiting those rows is what full-text search costs. Candidates are
   * ordered by how much of the query's information they hold (the IDF weights of the lexemes they
   * contain), shorter texts first on ties; callers re-score them with BM25. Ordering by ts_rank
   * alone would let many matches of a common word crowd out the one rare-word match.
   */
  async fullTextCandidates(
    tenantId: string,
    datasetId: string,
    lexemes: string[],
    total: number,
    documentIds: string[] | null,
    limit: number,
    children: boolean,
  ): Promise<{ candidates: TextCandidate[]; docFreq: Map<string, number> }> {
    if (!lexemes.length) return { candidates: [], docFreq: new Map() };
    const cacheKey = (l: string) => `${children ? 'c' : 's'}:${datasetId}:${l}`;
    const now = Date.now();
    const cached = lexemes.map((l) => this.docFreqs.get(cacheKey(l))).filter((e) => e && now - e.at < DF_TTL_MS);
    if (cached.length === lexemes.length) {
      const docFreq = new Map(lexemes.map((l, i) => [l, cached[i]!.df]));
      const scope = { tenantId, datasetId, documentIds, limit, children };
      return {
        candidates: await this.prunedCandidates(
          scope,
          lexemes.map((l) => ({ lexeme: l, weight: idf(total, docFreq.get(l)!) })),
        ),
        docFreq,
      };
    }
    const res = await this.fullPass(tenantId, datasetId, lexemes, total, documentIds, limit, children);
    // Frequencies counted inside a metadata filter are not the dataset's.
    if (!documentIds) {
      if (this.docFreqs.size >= DF_CACHE_MAX) this.docFreqs.clear();
      for (const [l, df] of res.docFreq) this.docFreqs.set(cacheKey(l), { at: now, df });
    }
    return res;
  }

  /**
   * MaxScore over the GIN index, once the lexemes' frequencies are known: rows holding the rarest
   * lexeme first, then rows holding the next one but none before it, stopping as soon as the
   * lexemes left cannot lift an unseen row above the current top `limit`. Usually only the rows
   * of the rarest lexeme are read, instead of every row matching any lexeme; the order is the same.
   */
  private async prunedCandidates(
    o: { tenantId: string; datasetId: string; documentIds: string[] | null; limit: number; children: boolean },
    terms: { lexeme: string; weight: number }[],
  ): Promise<TextCandidate[]> {
    const order = [...terms].sort((a, b) => b.weight - a.weight);
    const rest = order.map((_t, j) => order.slice(j).reduce((n, t) => n + t.weight, 0));
    const t = o.children ? 'c' : 's';
    let top: { node_id: string; segment_id: string; content: string; len: number; w: number }[] = [];
    for (let j = 0; j < order.length; j++) {
      if (top.length >= o.limit && rest[j] <= top[o.limit - 1].w) break;
      const seen = order.slice(0, j).map((x) => quoteLexeme(x.lexeme));
      const tsquery = quoteLexeme(order[j].lexeme) + (seen.length ? ` & !(${seen.join(' | ')})` : '');
      const params: unknown[] = [o.tenantId, o.datasetId, tsquery, o.limit];
      const weight = order
        .map((x) => `CASE WHEN ${t}.search_vector @@ $${params.push(quoteLexeme(x.lexeme))}::tsquery THEN $${params.push(x.weight)}::float8 ELSE 0 END`)
        .join(' + ');
      const docFilter = o.documentIds ? `AND s.document_id = ANY($${params.push(o.documentIds)}::uuid[])` : '';
      const rows: typeof top = await this.ds.query(
        `SELECT ${t}.id AS node_id, s.id AS segment_id, ${t}.content, length(${t}.search_vector) AS len, (${weight}) AS w
           FROM ${fromMatching(o.children)} AND ${ELIGIBLE} ${docFilter}
          ORDER BY w DESC, len ASC LIMIT $4`,
        params,
      );
      top = [...top, ...rows].sort((a, b) => b.w - a.w || a.len - b.len).slice(0, o.limit);
    }
    return top.map((r) => ({ segment_id: r.segment_id, child_id: o.children ? r.node_id : null, content: r.content }));
  }

  private async fullPass(
    tenantId: string,
    datasetId: string,
    lexemes: string[],
    total: number,
    documentIds: string[] | null,
    limit: number,
    children: boolean,
  ): Promise<{ candidates: TextCandidate[]; docFreq: Map<string, number> }> {
    const literals = lexemes.map(quoteLexeme);
    const params: unknown[] = [tenantId, datasetId, literals.join(' | '), limit, Math.max(total, 1)];
    const t = children ? 'c' : 's';
    const flags = literals.map((l, i) => `(${t}.search_vector @@ $${params.push(l)}::tsquery)::int AS m${i}`).join(', ');
    const dfs = literals.map((_l, i) => `sum(m${i}) OVER () AS df${i}`).join(', ');
    const idfSql = (i: number) => `ln(1 + (greatest($5::float8, df${i}) - df${i} + 0.5) / (df${i} + 0.5))`;
    const weight = literals.map((_l, i) => `m${i} * ${idfSql(i)}`).join(' + ');
    const docFilter = documentIds ? `AND s.document_id = ANY($${params.push(documentIds)}::uuid[])` : '';
    const rows: Record<string, unknown>[] = await this.ds.query(
      `WITH matched AS (
         SELECT ${t}.id AS node_id, s.id AS segment_id, length(${t}.search_vector) AS len, ${flags}
           FROM ${fromMatching(children)} AND ${ELIGIBLE} ${docFilter}
       ), ranked AS (
         SELECT *, ${dfs} FROM matched
       ), top AS (
         SELECT * FROM ranked ORDER BY ${weight} DESC, len ASC LIMIT $4
       )
       SELECT top.*, n.content FROM top JOIN ${children ? 'child_chunks' : 'document_segments'} n ON n.id = top.node_id`,
      params,
    );
    const docFreq = new Map(lexemes.map((l, i) => [l, Number(rows[0]?.[`df${i}`] ?? 0)]));
    const candidates = rows.map((r) => ({
      segment_id: r.segment_id as string,
      child_id: children ? (r.node_id as string) : null,
      content: r.content as string,
    }));
    return { candidates, docFreq };
  }

  /** Size and average length (distinct lexemes) of the dataset's full-text index; cached, refreshed in the background. */
  async corpusSize(datasetId: string, children: boolean): Promise<{ total: number; avgLength: number }> {
    const table = children ? 'child_chunks' : 'document_segments';
    const key = `${table}:${datasetId}`;
    const hit = this.sizes.get(key);
    const load = async () => {
      const [row] = await this.ds.query(
        `SELECT count(*)::int AS total, coalesce(avg(length(search_vector)), 0)::float8 AS avg FROM ${table} WHERE dataset_id = $1 AND search_vector IS NOT NULL`,
        [datasetId],
      );
      const value = { total: row.total as number, avgLength: row.avg as number };
      if (this.sizes.size >= SIZE_CACHE_MAX) this.sizes.clear();
      this.sizes.set(key, { at: Date.now(), value });
      return value;
    };
    if (!hit) return load();
    if (Date.now() - hit.at > SIZE_TTL_MS && !this.refreshing.has(key)) {
      // Counting a large dataset takes tens of ms: answer with the old size and refresh it in the background.
      this.refreshing.add(key);
      void load()
        .catch(() => undefined)
        .finally(() => this.refreshing.delete(key));
    }
    return hit.value;
  }

  /** Segments by id that are still eligible, with their document and dataset. */
  async loadSegments(tenantId: string, ids: string[]): Promise<SegmentRow[]> {
    if (!ids.length) return [];
    return this.ds.query(
      `SELECT s.id, s.dataset_id, ds.name AS dataset_name, s.document_id, d.name AS document_name, d.data_source_type,
              d.doc_metadata, s.position, s.content, s.answer, s.word_count, s.tokens, s.keywords, s.index_node_id,
              s.index_node_hash, s.hit_count, s.enabled, s.status, s.created_by, s.created_at, s.completed_at
         FROM document_segments s JOIN documents d ON d.id = s.document_id JOIN datasets ds ON ds.id = s.dataset_id
        WHERE s.tenant_id = $1 AND s.id = ANY($2::uuid[]) AND ${ELIGIBLE}`,
      [tenantId, ids],
    );
  }

  async loadChildChunks(tenantId: string, ids: string[]): Promise<ChildChunkRow[]> {
    if (!ids.length) return [];
    return this.ds.query(`SELECT id, segment_id, content, position FROM child_chunks WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids]);
  }

  /** Segments are written by their owner (libs/knowledge); retrieval only counts hits through it. */
  incrementHitCount(ids: string[]): Promise<void> {
    return this.segments.incrementHitCount(ids);
  }
}
