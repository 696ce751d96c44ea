/** Test helpers for the ingestion pipeline: rows and files written directly, jobs enqueued through IngestQueue. Not exported by the lib. */
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SluiceConfig } from '@sluice/config';
import { AppConfig } from '@sluice/config';
import { FileStorage } from '@sluice/storage';
import { collectionName, createVectorStore } from '@sluice/vector';
import { IngestQueue } from '../queue/ingest-queue';
import { IndexingRepository } from '../store/indexing.repository';

export interface DocumentStatusRow {
  indexing_status: string;
  error: string | null;
  generation: number;
  word_count: number;
  tokens: number;
  total_segments: number;
  completed_segments: number;
  processing_started_at: Date | null;
  parsing_completed_at: Date | null;
  cleaning_completed_at: Date | null;
  splitting_completed_at: Date | null;
  completed_at: Date | null;
  stopped_at: Date | null;
  indexing_latency: number | null;
  is_paused: boolean;
}

export class IngestHarness {
  readonly storage: FileStorage;
  readonly queue: IngestQueue;
  tenantId = '';

  private constructor(
    readonly cfg: SluiceConfig,
    readonly ds: DataSource,
  ) {
    this.storage = new FileStorage(cfg as AppConfig);
    this.queue = new IngestQueue(cfg as AppConfig, new IndexingRepository(ds));
  }

  static async create(cfg: SluiceConfig): Promise<IngestHarness> {
    const ds = new DataSource({ type: 'postgres', url: cfg.databaseUrl, extra: { max: 4 } });
    await ds.initialize();
    const h = new IngestHarness(cfg, ds);
    const [t] = await ds.query(`INSERT INTO tenants (name) VALUES ('ingest test') RETURNING id`);
    h.tenantId = t.id;
    return h;
  }

  async close(): Promise<void> {
    await this.queue.onApplicationShutdown();
    await this.ds.destroy();
  }

  async createDataset(opts: { technique?: 'high_quality' | 'economy'; model?: string } = {}): Promise<string> {
    const [d] = await this.ds.query(
      `INSERT INTO datasets (tenant_id, name, indexing_technique, embedding_model, embedding_model_provider)
       VALUES ($1, $2, $3, $4, 'openai') RETURNING id`,
      [this.tenantId, `kb-${randomUUID()}`, opts.technique ?? 'high_quality', opts.model ?? 'text-embedding-3-small'],
    );
    return d.id;
  }

  /** A document row (waiting, generation 1) whose source file holds `bytes`. */
  async createDocument(datasetId: string, name: string, bytes: Buffer | string, opts: { processRule?: unknown; docForm?: string } = {}): Promise<string> {
    const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    const ext = name.split('.').pop() ?? '';
    const key = this.storage.newKey('upload_files', this.tenantId, ext);
    await this.storage.save(key, buf);
    const [f] = await this.ds.query(
      `INSERT INTO upload_files (tenant_id, storage_key, name, size, extension, mime_type, created_by_role, created_by, hash)
       VALUES ($1, $2, $3, $4, $5, 'application/octet-stream', 'account', $6, $7) RETURNING id`,
      [this.tenantId, key, name, buf.length, ext, randomUUID(), createHash('sha256').update(buf).digest('hex')],
    );
    const [d] = await this.ds.query(
      `INSERT INTO documents (tenant_id, dataset_id, position, file_id, process_rule, batch, name, generation, doc_form)
       VALUES ($1, $2, (SELECT COALESCE(max(position), 0) + 1 FROM documents WHERE dataset_id = $2), $3, $4, $5, $6, 1, $7) RETURNING id`,
      [this.tenantId, datasetId, f.id, JSON.stringify(opts.processRule ?? { mode: 'automatic' }), `b${Date.now()}`, name, opts.docForm ?? 'text_model'],
    );
    return d.id;
  }

  async enqueue(datasetId: string, documentId: string): Promise<void> {
    const generation = (await this.status(documentId))!.generation;
    await this.queue.enqueueDocument({ tenantId: this.tenantId, datasetId, documentId, generation });
  }

  async status(documentId: string): Promise<DocumentStatusRow | null> {
    const rows: DocumentStatusRow[] = await this.ds.query(`SELECT * FROM documents WHERE id = $1`, [documentId]);
    return rows[0] ?? null;
  }

  async waitFor(documentId: string, pred: (r: DocumentStatusRow | null) => boolean, timeoutMs = 30_000): Promise<DocumentStatusRow | null> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.status(documentId);
      if (pred(r)) return r;
      if (Date.now() > until)
        throw new Error(
          `timed out; last row: ${JSON.stringify(r && { s: r.indexing_status, e: r.error, p: r.is_paused, c: r.completed_segments, t: r.total_segments })}`,
        );
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  waitForStatus(documentId: string, statuses: string[], timeoutMs?: number) {
    return this.waitFor(documentId, (r) => !!r && statuses.includes(r.indexing_status), timeoutMs);
  }

  async segmentCount(documentId: string): Promise<number> {
    const [r] = await this.ds.query(`SELECT count(*)::int AS n FROM document_segments WHERE document_id = $1`, [documentId]);
    return r.n;
  }

  async removeDocumentVectors(datasetId: string, documentId: string): Promise<void> {
    const [d] = await this.ds.query(`SELECT embedding_model, embedding_dimension FROM datasets WHERE id = $1`, [datasetId]);
    if (!d?.embedding_dimension) return;
    const store = createVectorStore(this.cfg as AppConfig);
    try {
      await store.deleteByDocument(collectionName(d.embedding_model, d.embedding_dimension), datasetId, documentId);
    } finally {
      await store.close();
    }
  }

  /** Points in the vector store for the document, counted through a fresh store instance (what a reader process sees). */
  async vectorCount(datasetId: string, documentId: string): Promise<number> {
    const [d] = await this.ds.query(`SELECT embedding_model, embedding_dimension FROM datasets WHERE id = $1`, [datasetId]);
    if (!d?.embedding_dimension) return 0;
    const store = createVectorStore(this.cfg as AppConfig);
    try {
      return await store.count(collectionName(d.embedding_model, d.embedding_dimension), { datasetIds: [datasetId], documentIds: [documentId] });
    } finally {
      await store.close();
    }
  }
}
