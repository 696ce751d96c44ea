import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { SluiceConfig, loadConfig } from '@sluice/config';
import { OpenAiTestServer } from '@sluice/testing';
import { RunningPlatform, startPlatform } from '../../apps/launcher/src/platform';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestPlatform {
  base: string;
  model: OpenAiTestServer;
  config: SluiceConfig;
  platform: RunningPlatform;
  stop(): Promise<void>;
}

/**
 * Boots the whole platform in this process against a fresh database, a private Redis key prefix,
 * a temp DATA_DIR and the OpenAI-compatible test server, exactly as `npm start` would.
 */
export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const model = new OpenAiTestServer();
  const { url } = await model.start();
  const id = randomBytes(5).toString('hex');
  const dbName = `sluice_test_${id}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-test-'));
  const admin = new URL(PG_ADMIN_URL);
  admin.pathname = `/${dbName}`;
  const config = loadConfig({
    DATABASE_URL: admin.toString(),
    REDIS_URL,
    REDIS_PREFIX: `sluicetest-${id}`,
    PORT: '0',
    HEALTH_PORT: '0',
    METRICS_PORT: '0',
    HOST: '127.0.0.1',
    OPENAI_BASE_URL: url,
    OPENAI_API_KEY: 'sk-test',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // TEST_TRANSPORT_LOCAL_DISPATCH=false runs a suite with every service call through Redis, as split deployments make them.
    ...(process.env.TEST_TRANSPORT_LOCAL_DISPATCH ? { TRANSPORT_LOCAL_DISPATCH: process.env.TEST_TRANSPORT_LOCAL_DISPATCH } : {}),
    ...env,
  });
  const platform = await startPlatform(config);
  return {
    base: platform.url!,
    model,
    config,
    platform,
    async stop() {
      await platform.stop();
      await model.stop();
      await dropDatabase(dbName);
      await deleteRedisPrefix(config.redisPrefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function dropDatabase(name: string): Promise<void> {
  const c = new Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}
