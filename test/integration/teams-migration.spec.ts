/**
 * Upgrading an existing single-admin install: the old migrations, a workspace's data, then the new
 * ones — the admin becomes owner of the existing workspace and nothing else changes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { MIGRATIONS, ensureDatabaseExists } from '@sluice/database';
import { PG_ADMIN_URL, dropDatabase } from '../support/test-platform';

const TEAMS_AT = 1733500000000;
const stamp = (m: Function) => Number(/(\d{13})$/.exec(m.name)?.[1] ?? 0);

describe('teams migration on an existing install', () => {
  const name = `sluice_test_mig_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(PG_ADMIN_URL), { pathname: `/${name}` }).toString();
  const open = (migrations: Function[]) => new DataSource({ type: 'postgres', url, migrations, synchronize: false, logging: false }).initialize();

  before(() => ensureDatabaseExists(url));
  after(() => dropDatabase(name));

  it('makes the admin owner of the existing workspace and leaves the data as it was', async () => {
    const old = MIGRATIONS.filter((m) => stamp(m) < TEAMS_AT);
    assert.ok(old.length >= 5 && old.length < MIGRATIONS.length);
    const before = await open(old);
    let snapshot: Record<string, unknown[]>;
    let ids: { tenant: string; admin: string };
    try {
      await before.runMigrations({ transaction: 'each' });
      const [{ id: tenant }] = await before.query(`INSERT INTO tenants (name) VALUES ('Admin''s Workspace') RETURNING id`);
      await before.query(`INSERT INTO setups (version) VALUES ('1')`);
      const [{ id: admin }] = await before.query(
        `INSERT INTO accounts (tenant_id, email, name, password_hash, role, last_login_at) VALUES ($1, 'admin@example.com', 'Admin', '$2a$10$abcdefghijklmnopqrstuv', 'owner', now()) RETURNING id`,
        [tenant],
      );
      const [{ id: app }] = await before.query(`INSERT INTO apps (tenant_id, name, mode, created_by) VALUES ($1, 'Bot', 'chat', $2) RETURNING id`, [
        tenant,
        admin,
      ]);
      await before.query(`INSERT INTO api_tokens (tenant_id, app_id, type, token_hash, token_hint) VALUES ($1, $2, 'app', 'h1', 'app-...x')`, [tenant, app]);
      await before.query(`INSERT INTO datasets (tenant_id, name, created_by, permission) VALUES ($1, 'KB', $2, 'only_me')`, [tenant, admin]);
      await before.query(`INSERT INTO provider_credentials (tenant_id, provider, encrypted_config) VALUES ($1, 'openai', 'sealed')`, [tenant]);
      ids = { tenant, admin };
      snapshot = await tables(before);
    } finally {
      await before.destroy();
    }

    const after = await open(MIGRATIONS);
    try {
      const ran = (await after.runMigrations({ transaction: 'each' })).map((m) => m.name);
      assert.ok(ran.includes(`Teams${TEAMS_AT}`), ran.join(', '));
      const joins = await after.query('SELECT tenant_id, account_id, role, current FROM tenant_account_joins');
      assert.deepEqual(joins, [{ tenant_id: ids.tenant, account_id: ids.admin, role: 'owner', current: true }]);
      const [acc] = await after.query('SELECT email, name, password_hash, status, interface_language, timezone FROM accounts');
      assert.deepEqual(acc, {
        email: 'admin@example.com',
        name: 'Admin',
        password_hash: '$2a$10$abcdefghijklmnopqrstuv',
        status: 'active',
        interface_language: 'en-US',
        timezone: 'UTC',
      });
      const now = await tables(after);
      for (const [table, rows] of Object.entries(snapshot)) {
        const strip = (r: any) =>
          Object.fromEntries(
            Object.entries(r).filter(
              ([k]) =>
                k !== 'updated_by' &&
                !(table === 'accounts' && ['tenant_id', 'role', 'avatar', 'interface_language', 'timezone', 'initialized_at'].includes(k)),
            ),
          );
        assert.deepEqual(now[table].map(strip), rows.map(strip), `${table} unchanged`);
      }
      assert.deepEqual(await after.query('SELECT count(*)::int AS n FROM dataset_permissions'), [{ n: 0 }]);

      // And back down: the account carries its workspace and role again.
      await after.undoLastMigration({ transaction: 'each' });
      while ((await after.query(`SELECT count(*)::int AS n FROM migrations WHERE name = $1`, [`Teams${TEAMS_AT}`]))[0].n)
        await after.undoLastMigration({ transaction: 'each' });
      const [back] = await after.query('SELECT tenant_id, role, email FROM accounts');
      assert.deepEqual(back, { tenant_id: ids.tenant, role: 'owner', email: 'admin@example.com' });
    } finally {
      await after.destroy();
    }
  });
});

/** The rows of every table an install's data lives in, in a stable order. */
async function tables(ds: DataSource): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of ['tenants', 'setups', 'accounts', 'apps', 'api_tokens', 'datasets', 'provider_credentials']) {
    out[t] = await ds.query(`SELECT * FROM ${t} ORDER BY 1`);
  }
  return out;
}
