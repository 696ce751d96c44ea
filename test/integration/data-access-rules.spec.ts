import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/gateway-routes';

/**
 * The data-access rules of docs/ARCHITECTURE.md ("Who owns which table"), checked over the source:
 * only repositories touch the database, and every table is written by the repositories of one place.
 * A place is an app (`apps/chat`) or a lib (`libs/database`); a table two apps write lives in a lib.
 */
const TABLE_OWNERS: Record<string, string> = {
  // accounts, workspaces and memberships: written by the chat service's teams feature, read by the
  // gateway's access guard and by every list that names who created what, so shared
  tenants: 'libs/database',
  accounts: 'libs/database',
  tenant_account_joins: 'libs/database',
  // the teams feature's own
  account_tokens: 'apps/chat',
  setups: 'apps/chat',
  // apps, keys, conversations and files: written by chat, workflow and gateway alike, so shared
  apps: 'libs/database',
  app_model_configs: 'libs/database',
  api_tokens: 'libs/database',
  end_users: 'libs/database',
  conversations: 'libs/database',
  messages: 'libs/database',
  message_feedbacks: 'libs/database',
  upload_files: 'libs/database',
  dataset_permissions: 'libs/database',
  // knowledge: written by the dataset service and the ingest worker, through libs/knowledge/src/store
  datasets: 'libs/knowledge',
  documents: 'libs/knowledge',
  document_segments: 'libs/knowledge',
  child_chunks: 'libs/knowledge',
  dataset_metadatas: 'libs/knowledge',
  tags: 'libs/knowledge',
  tag_bindings: 'libs/knowledge',
  embeddings: 'libs/knowledge',
  message_annotations: 'libs/knowledge',
  app_annotation_settings: 'libs/knowledge',
  dataset_process_rules: 'apps/dataset',
  // workflow versions: the chat console copies an app with its draft, the workflow service edits and publishes
  workflows: 'libs/database',
  // workflow runs
  workflow_runs: 'apps/workflow',
  workflow_node_executions: 'apps/workflow',
  // model provider credentials (sealed)
  provider_credentials: 'libs/llm',
};

/**
 * Files outside repositories that may use the database anyway: the connection and schema setup, and
 * the health probe, which pings PostgreSQL over its own one-connection pg pool (not TypeORM) so that
 * it answers even while the app's pool is exhausted.
 */
const DATABASE_SETUP = [/^libs\/database\/src\/(migrations|entities)\//, /^libs\/database\/src\/(database\.module|prepare-database|tx)\.ts$/];
const NOT_DATA_ACCESS = new Set(['libs/observability/src/health-checker.ts']);

function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (name === 'node_modules' || name === 'testing') continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) out.push(relative(repoRoot, p));
    }
  };
  for (const top of ['apps', 'libs']) {
    for (const pkg of readdirSync(join(repoRoot, top))) {
      if (top === 'apps' && pkg === 'console') continue; // the browser console: no database
      const src = join(repoRoot, top, pkg, 'src');
      if (statSync(join(repoRoot, top, pkg)).isDirectory()) walk(src);
    }
  }
  return out.sort();
}

const isRepository = (f: string) => f.endsWith('.repository.ts');
const ownerOf = (f: string) => f.split('/').slice(0, 2).join('/');

/** `entity class name -> table`, from the entities' @Entity('table'). */
function entityTables(): Map<string, string> {
  const map = new Map<string, string>();
  const dir = join(repoRoot, 'libs/database/src/entities');
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), 'utf8');
    for (const m of text.matchAll(/@Entity\('([a-z_]+)'\)\s*export class (\w+)/g)) map.set(m[2], m[1]);
  }
  return map;
}

/** Tables a file writes: SQL INSERT/UPDATE/DELETE, and TypeORM writes through an entity class. */
function writtenTables(text: string, entities: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)/g)) if (m[1] in TABLE_OWNERS) out.add(m[1]);
  const verbs = '(?:save|insert|update|delete|upsert|increment|decrement|softDelete|remove)';
  const names = [...entities.keys()].join('|');
  // m.insert(Entity, …), manager(tx).update(Entity, …), m.create(Entity, …) (created to be saved)
  for (const m of text.matchAll(new RegExp(`\\.(?:${verbs.slice(3, -1)}|create)\\(\\s*(${names})\\b`, 'g'))) out.add(entities.get(m[1])!);
  // getRepository(Entity).save(…), and a repository kept in a local or a getter, then written through
  for (const m of text.matchAll(new RegExp(`getRepository\\((${names})\\)\\s*\\.${verbs}\\(`, 'g'))) out.add(entities.get(m[1])!);
  for (const m of text.matchAll(new RegExp(`(?:const|let)\\s+(\\w+)\\s*=\\s*[\\w.]*getRepository\\((${names})\\)`, 'g'))) {
    if (new RegExp(`\\b${m[1]}\\.${verbs}\\(`).test(text)) out.add(entities.get(m[2])!);
  }
  for (const m of text.matchAll(new RegExp(`get\\s+(\\w+)\\(\\)[^{]*\\{\\s*return\\s+[\\w.]*getRepository\\((${names})\\)`, 'g'))) {
    if (new RegExp(`this\\.${m[1]}\\.${verbs}\\(`).test(text)) out.add(entities.get(m[2])!);
  }
  return out;
}

/** Tables a file reads: SQL FROM/JOIN, and TypeORM lookups through an entity class. */
function readTables(text: string, entities: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/g)) if (m[1] in TABLE_OWNERS) out.add(m[1]);
  const names = [...entities.keys()].join('|');
  for (const m of text.matchAll(new RegExp(`\\b(?:getRepository|find|findOne|findBy|findOneBy|count|exists)\\(\\s*(${names})\\b`, 'g')))
    out.add(entities.get(m[1])!);
  return out;
}

describe('data access', () => {
  const files = sources();
  const texts = new Map(files.map((f) => [f, readFileSync(join(repoRoot, f), 'utf8')]));

  it('scans the whole tree', () => {
    assert.ok(files.length > 300, `only ${files.length} source files found: the scan is broken`);
    assert.ok(files.filter(isRepository).length > 20);
  });

  it('lets only repositories (and the database setup) hold a DataSource or EntityManager or run SQL', () => {
    const offenders: string[] = [];
    for (const [f, text] of texts) {
      if (isRepository(f) || DATABASE_SETUP.some((re) => re.test(f)) || NOT_DATA_ACCESS.has(f)) continue;
      const why: string[] = [];
      if (/from '(typeorm|@nestjs\/typeorm)(\/[^']*)?'/.test(text)) why.push('imports typeorm');
      if (/\.query\(\s*[`'"]/.test(text)) why.push('runs SQL (.query)');
      if (/\b(getRepository|createQueryBuilder|InjectDataSource)\(/.test(text)) why.push('uses a TypeORM repository or DataSource');
      if (why.length) offenders.push(`${f}: ${why.join(', ')}`);
    }
    assert.deepEqual(offenders, [], 'move the database code into a *.repository.ts and give it typed methods');
  });

  it('gives every table of the migrations an owner', () => {
    const created = new Set<string>();
    const dir = join(repoRoot, 'libs/database/src/migrations');
    for (const name of readdirSync(dir)) {
      for (const m of readFileSync(join(dir, name), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_]+)/g)) created.add(m[1]);
    }
    assert.ok(created.size > 20, `only ${created.size} tables found in the migrations: the scan is broken`);
    assert.deepEqual([...created].filter((t) => !(t in TABLE_OWNERS)).sort(), [], 'add the new tables to TABLE_OWNERS (and to docs/ARCHITECTURE.md)');
    assert.deepEqual(
      Object.keys(TABLE_OWNERS)
        .filter((t) => !created.has(t))
        .sort(),
      [],
      'TABLE_OWNERS names tables no migration creates',
    );
  });

  it('writes each table only from the repositories of its owner', () => {
    const entities = entityTables();
    assert.ok(entities.size > 20, 'entity classes not found: the scan is broken');
    const wrongPlace: string[] = [];
    const writers = new Map<string, Set<string>>();
    for (const [f, text] of texts) {
      if (DATABASE_SETUP.some((re) => re.test(f))) continue;
      for (const table of writtenTables(text, entities)) {
        if (!writers.has(table)) writers.set(table, new Set());
        writers.get(table)!.add(f);
        if (ownerOf(f) !== TABLE_OWNERS[table]) wrongPlace.push(`${table} is written by ${f}; its owner is ${TABLE_OWNERS[table]}`);
      }
    }
    assert.deepEqual(wrongPlace, [], 'write through a repository of the owner (a shared table lives in a lib)');
    // The scan must see the writes it is meant to police, or it proves nothing.
    for (const t of ['messages', 'conversations', 'documents', 'document_segments', 'apps', 'tenants', 'workflow_runs']) {
      assert.ok(writers.get(t)?.size, `no writer of ${t} found: the scan is broken`);
    }
  });

  it('reads a table an app owns only in that app (a table read elsewhere lives in a lib)', () => {
    const entities = entityTables();
    const wrongPlace: string[] = [];
    let reads = 0;
    for (const [f, text] of texts) {
      if (DATABASE_SETUP.some((re) => re.test(f))) continue;
      for (const table of readTables(text, entities)) {
        reads++;
        const owner = TABLE_OWNERS[table];
        if (owner.startsWith('apps/') && ownerOf(f) !== owner) wrongPlace.push(`${table} is read by ${f}; its owner is ${owner}`);
      }
    }
    assert.ok(reads > 50, `only ${reads} reads found: the scan is broken`);
    assert.deepEqual(wrongPlace, [], "ask the owner's service, or move the table's repository into a lib");
  });

  it('keeps SQL inside the repository that runs it: no exported function returns an SQL fragment', () => {
    const offenders: string[] = [];
    for (const [f, text] of texts) {
      // The embedded vector store's filters are LanceDB's own expression language, built inside its adapter.
      if (f.startsWith('libs/vector/')) continue;
      for (const m of text.matchAll(/export function (\w+)\([^)]*\):\s*string\s*\{([\s\S]*?)\n\}/g)) {
        if (/\b(SELECT|WHERE|EXISTS|JOIN|AND|OR)\b/.test(m[2]) && /`/.test(m[2])) offenders.push(`${f}: ${m[1]}`);
      }
    }
    assert.deepEqual(offenders, [], 'give the repository a typed method instead of handing SQL to its callers');
  });
});
