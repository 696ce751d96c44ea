import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { InvalidParamError } from '@sluice/contracts';
import { DatasetMetadata } from '@sluice/database';
import { BUILT_IN_FIELDS } from '../metadata/built-in-fields';

const BUILT_IN_KEYS = BUILT_IN_FIELDS.map((f) => f.name);

@Injectable()
export class MetadataRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  fields(tenantId: string, datasetId: string): Promise<DatasetMetadata[]> {
    return this.ds.getRepository(DatasetMetadata).find({ where: { tenantId, datasetId }, order: { createdAt: 'ASC' } });
  }

  find(tenantId: string, datasetId: string, id: string): Promise<DatasetMetadata | null> {
    return this.ds.getRepository(DatasetMetadata).findOne({ where: { tenantId, datasetId, id } });
  }

  async create(values: Partial<DatasetMetadata>): Promise<DatasetMetadata> {
    const repo = this.ds.getRepository(DatasetMetadata);
    try {
      return await repo.save(repo.create(values));
    } catch (err) {
      if (err instanceof QueryFailedError && (err as unknown as { code?: string }).code === '23505')
        throw new InvalidParamError('Metadata name already exists.', { params: 'name' });
      throw err;
    }
  }

  /** How many documents hold a value for each field. */
  async counts(tenantId: string, datasetId: string, names: string[]): Promise<Map<string, number>> {
    if (!names.length) return new Map();
    const rows: { name: string; n: number }[] = await this.ds.query(
      `SELECT k.name, count(d.id)::int AS n FROM unnest($2::text[]) AS k(name)
         LEFT JOIN documents d ON d.tenant_id = $3 AND d.dataset_id = $1 AND d.doc_metadata ? k.name GROUP BY k.name`,
      [datasetId, names, tenantId],
    );
    return new Map(rows.map((r) => [r.name, r.n]));
  }

  /** Renames the field and the key in every document that holds a value for it. */
  async rename(field: DatasetMetadata, name: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      try {
        await m.update(DatasetMetadata, { tenantId: field.tenantId, id: field.id }, { name });
      } catch (err) {
        if (err instanceof QueryFailedError && (err as unknown as { code?: string }).code === '23505')
          throw new InvalidParamError('Metadata name already exists.', { params: 'name' });
        throw err;
      }
      await m.query(
        `UPDATE documents SET doc_metadata = (doc_metadata - $2::text) || jsonb_build_object($3::text, doc_metadata->$2::text), updated_at = now()
          WHERE tenant_id = $4 AND dataset_id = $1 AND doc_metadata ? $2::text`,
        [field.datasetId, field.name, name, field.tenantId],
      );
    });
  }

  async delete(field: DatasetMetadata): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.delete(DatasetMetadata, { tenantId: field.tenantId, id: field.id });
      await m.query(`UPDATE documents SET doc_metadata = doc_metadata - $2::text WHERE tenant_id = $3 AND dataset_id = $1 AND doc_metadata ? $2::text`, [
        field.datasetId,
        field.name,
        field.tenantId,
      ]);
    });
  }

  async setBuiltIn(tenantId: string, datasetId: string, enabled: boolean): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query('UPDATE datasets SET built_in_field_enabled = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2', [tenantId, datasetId, enabled]);
      if (!enabled)
        await m.query('UPDATE documents SET doc_metadata = doc_metadata - $2::text[] WHERE tenant_id = $3 AND dataset_id = $1', [
          datasetId,
          BUILT_IN_KEYS,
          tenantId,
        ]);
    });
    if (enabled) await this.fillBuiltIns(tenantId, datasetId);
  }

  /** Built-in values come from the document itself (name, uploader's name, dates, where it came from). */
  async fillBuiltIns(tenantId: string, datasetId: string, documentIds?: string[]): Promise<void> {
    await this.ds.query(
      `UPDATE documents d SET doc_metadata = d.doc_metadata || jsonb_build_object(
          'document_name', d.name,
          'uploader', coalesce((SELECT a.name FROM accounts a WHERE a.id = d.created_by), ''),
          'upload_date', floor(extract(epoch FROM d.created_at))::bigint,
          'last_update_date', floor(extract(epoch FROM d.updated_at))::bigint,
          'source', CASE WHEN d.created_from = 'api' THEN 'api' ELSE 'file_upload' END)
        WHERE d.tenant_id = $3 AND d.dataset_id = $1 AND ($2::uuid[] IS NULL OR d.id = ANY($2::uuid[]))`,
      [datasetId, documentIds ?? null, tenantId],
    );
  }

  /** Replaces a document's custom metadata values, keeping its built-in ones. */
  async setDocumentValues(tenantId: string, documentId: string, values: Record<string, unknown>): Promise<void> {
    await this.ds.query(
      `UPDATE documents SET doc_metadata = (SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(doc_metadata) WHERE key = ANY($3::text[])) || $4::jsonb,
              updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, documentId, BUILT_IN_KEYS, JSON.stringify(values)],
    );
  }
}
