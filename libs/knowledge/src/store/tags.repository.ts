import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidParamError } from '@sluice/contracts';

export interface TagRow {
  id: string;
  name: string;
  type: string;
  /** A string, as Dify's tag serialiser sends it. */
  binding_count: string;
}

function isDuplicate(err: unknown): boolean {
  return (err as { code?: string })?.code === '23505' || (err as { driverError?: { code?: string } })?.driverError?.code === '23505';
}

/** Tags live in plain tables (no entity): they are small and only this service touches them. */
@Injectable()
export class TagsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  list(tenantId: string, keyword?: string): Promise<TagRow[]> {
    return this.ds.query(
      `SELECT t.id, t.name, t.type, count(b.id)::text AS binding_count
         FROM tags t LEFT JOIN tag_bindings b ON b.tag_id = t.id AND b.tenant_id = t.tenant_id
        WHERE t.tenant_id = $1 AND t.type = 'knowledge' AND ($2::text IS NULL OR t.name ILIKE '%' || $2 || '%')
        GROUP BY t.id ORDER BY t.created_at DESC`,
      [tenantId, keyword || null],
    );
  }

  async find(tenantId: string, id: string): Promise<TagRow | null> {
    const rows = await this.list(tenantId);
    return rows.find((r) => r.id === id) ?? null;
  }

  async existing(tenantId: string, ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM tags WHERE tenant_id = $1 AND type = 'knowledge' AND id = ANY($2::uuid[])`, [
      tenantId,
      ids,
    ]);
    return rows.map((r) => r.id);
  }

  async create(tenantId: string, name: string, createdBy: string | null): Promise<string> {
    try {
      const [row] = await this.ds.query(`INSERT INTO tags (tenant_id, type, name, created_by) VALUES ($1, 'knowledge', $2, $3) RETURNING id`, [
        tenantId,
        name,
        createdBy,
      ]);
      return row.id;
    } catch (err) {
      if (isDuplicate(err)) throw new InvalidParamError('Tag name already exists.', { params: 'name' });
      throw err;
    }
  }

  async rename(tenantId: string, id: string, name: string): Promise<void> {
    try {
      await this.ds.query(`UPDATE tags SET name = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, name]);
    } catch (err) {
      if (isDuplicate(err)) throw new InvalidParamError('Tag name already exists.', { params: 'name' });
      throw err;
    }
  }

  async delete(tenantId: string, id: string): Promise<void> {
    await this.ds.query(`DELETE FROM tags WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  async bind(tenantId: string, tagIds: string[], targetId: string, createdBy: string | null): Promise<void> {
    await this.ds.query(
      `INSERT INTO tag_bindings (tenant_id, tag_id, target_id, created_by) SELECT $1, t, $3, $4 FROM unnest($2::uuid[]) AS t
       ON CONFLICT (tag_id, target_id) DO NOTHING`,
      [tenantId, tagIds, targetId, createdBy],
    );
  }

  async unbind(tenantId: string, tagId: string, targetId: string): Promise<void> {
    await this.ds.query(`DELETE FROM tag_bindings WHERE tenant_id = $1 AND tag_id = $2 AND target_id = $3`, [tenantId, tagId, targetId]);
  }

  async unbindTarget(tenantId: string, targetId: string): Promise<void> {
    await this.ds.query(`DELETE FROM tag_bindings WHERE tenant_id = $1 AND target_id = $2`, [tenantId, targetId]);
  }

  /** Tags of each dataset, for the dataset JSON's `tags`. */
  async tagsOf(tenantId: string, targetIds: string[]): Promise<Map<string, { id: string; name: string; type: string }[]>> {
    const out = new Map<string, { id: string; name: string; type: string }[]>();
    if (!targetIds.length) return out;
    const rows: { target_id: string; id: string; name: string; type: string }[] = await this.ds.query(
      `SELECT b.target_id, t.id, t.name, t.type FROM tag_bindings b JOIN tags t ON t.id = b.tag_id
        WHERE b.tenant_id = $1 AND b.target_id = ANY($2::uuid[]) ORDER BY t.name`,
      [tenantId, targetIds],
    );
    for (const r of rows) {
      const list = out.get(r.target_id) ?? [];
      list.push({ id: r.id, name: r.name, type: r.type });
      out.set(r.target_id, list);
    }
    return out;
  }
}
