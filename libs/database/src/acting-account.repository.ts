/** Anything that runs SQL: a DataSource, an EntityManager or a QueryRunner. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/**
 * The account a write is attributed to (`created_by` / `updated_by`): the signed-in account when
 * there is one; otherwise — a Service API call with a dataset or app key, which has no account —
 * the workspace's owner, as in Dify. One definition so every feature attributes the same way.
 */
export async function actingAccountId(db: Queryable, tenantId: string, accountId?: string | null): Promise<string | null> {
  if (accountId) return accountId;
  const rows: { account_id: string }[] = await db.query(`SELECT account_id FROM tenant_account_joins WHERE tenant_id = $1 AND role = 'owner' LIMIT 1`, [
    tenantId,
  ]);
  return rows[0]?.account_id ?? null;
}
