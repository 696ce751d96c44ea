import { Queryable } from './acting-account.repository';

/** Who is asking, as far as dataset permissions go. */
export interface DatasetViewer {
  tenantId: string;
  accountId: string;
  role: string;
}

/**
 * Dify's dataset permissions, as one SQL predicate over a `datasets` alias: the owner sees every
 * dataset of the workspace; everyone else sees `all_team_members` datasets, the ones they created,
 * and `partial_members` datasets that list them. `$acc` is the parameter index of the account id.
 */
function visibleDatasetPredicate(alias: string, accParam: string): string {
  return `(${alias}.permission = 'all_team_members' OR ${alias}.created_by = ${accParam}
    OR (${alias}.permission = 'partial_members'
        AND EXISTS (SELECT 1 FROM dataset_permissions p WHERE p.dataset_id = ${alias}.id AND p.account_id = ${accParam})))`;
}

/** Datasets of the workspace the viewer may not see: all of them, or only among `ids`. */
async function hidden(db: Queryable, viewer: DatasetViewer, ids: string[] | null): Promise<string[]> {
  if (viewer.role === 'owner' || ids?.length === 0) return [];
  const rows: { id: string }[] = await db.query(
    `SELECT d.id FROM datasets d WHERE d.tenant_id = $1 AND ($3::uuid[] IS NULL OR d.id = ANY($3::uuid[])) AND NOT ${visibleDatasetPredicate('d', '$2')}`,
    [viewer.tenantId, viewer.accountId, ids],
  );
  return rows.map((r) => r.id);
}

/** Of the given dataset ids, those of the workspace the viewer may not see (unknown ids are not returned). */
export function hiddenDatasetIds(db: Queryable, viewer: DatasetViewer, ids: string[]): Promise<string[]> {
  return hidden(db, viewer, ids);
}

/**
 * Every dataset of the workspace the viewer may not see: a list filters them out by id, so the
 * permission rule stays in this file instead of travelling as an SQL fragment.
 */
export function datasetsHiddenFrom(db: Queryable, viewer: DatasetViewer): Promise<string[]> {
  return hidden(db, viewer, null);
}

/** Of the given dataset ids, those that exist in the workspace. */
export async function existingDatasetIds(db: Queryable, tenantId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows: { id: string }[] = await db.query(`SELECT id FROM datasets WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids]);
  return rows.map((r) => r.id);
}
