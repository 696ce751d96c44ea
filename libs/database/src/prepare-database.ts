import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseUnavailableError } from './database.errors';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

const START_HINT =
  'Start PostgreSQL (e.g. `pg_ctlcluster 15 main start`, `brew services start postgresql`, or `docker compose up -d postgres`) or point DATABASE_URL at a running server.';

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid DATABASE_URL)';
  }
}

/** Creates the database named in `url` when it does not exist yet (needs CREATEDB on the server). */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'postgres';
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new DatabaseUnavailableError(redact(url), (err as Error).message || String(err), START_HINT);
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (!rowCount) {
      try {
        await client.query(`CREATE DATABASE "${dbName.replace(/"/g, '""')}"`);
      } catch (err) {
        // Two processes starting together may both try; the loser sees duplicate_database.
        if ((err as { code?: string }).code !== '42P04') throw err;
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so replicas starting together
 * (Kubernetes rollouts) do not race each other.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({ type: 'postgres', url, entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false });
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock(727274)');
    try {
      const ran = await ds.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock(727274)');
    }
  } finally {
    await ds.destroy();
  }
}

export async function prepareDatabase(url: string): Promise<string[]> {
  await ensureDatabaseExists(url);
  return runMigrations(url);
}

/** True while the schema lacks migrations this build knows (pods started with MIGRATION_ENABLED=false wait for the Job). */
export async function hasPendingMigrations(url: string): Promise<boolean> {
  const ds = new DataSource({ type: 'postgres', url, entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false });
  try {
    await ds.initialize();
  } catch (err) {
    // Not created yet: the migrate Job creates it.
    if ((err as { code?: string }).code === '3D000') return true;
    throw new DatabaseUnavailableError(redact(url), (err as Error).message || String(err), START_HINT);
  }
  try {
    return await ds.showMigrations();
  } finally {
    await ds.destroy();
  }
}
