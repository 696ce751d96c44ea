import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ALL_SERVICES, envSchema, ServiceId, SluiceConfig } from './app-config';
import { ConfigValidationError } from './config.errors';

/**
 * Reads and validates the environment once. The only place that touches process.env.
 * SECRET_KEY, when unset, is generated into DATA_DIR so restarts keep sessions and encrypted credentials valid.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<SluiceConfig> = {}): SluiceConfig {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigValidationError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const services = parseServices(e.SERVICES);
  const dataDir = resolve(e.DATA_DIR);
  const cfg: SluiceConfig = {
    port: e.PORT,
    host: e.HOST,
    healthPort: e.HEALTH_PORT,
    services,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL },
    qdrant: { url: e.QDRANT_URL, apiKey: e.QDRANT_API_KEY },
    dataDir,
    secretKey: e.SECRET_KEY ?? '',
    uploadFileSizeLimitBytes: Math.round(e.UPLOAD_FILE_SIZE_LIMIT_MB * 1024 * 1024),
    logLevel: e.LOG_LEVEL,
    appMaxActiveRequests: e.APP_MAX_ACTIVE_REQUESTS,
    apiRateLimitRpm: e.API_RATE_LIMIT_RPM,
    rpcTimeoutMs: e.RPC_TIMEOUT_MS,
    appMaxExecutionSeconds: e.APP_MAX_EXECUTION_TIME,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_EXPIRE_DAYS * 86400,
    codeExecution: { endpoint: e.CODE_EXECUTION_ENDPOINT, apiKey: e.CODE_EXECUTION_API_KEY },
    ssrfAllowPrivate: e.SSRF_ALLOW_PRIVATE,
    cors: { consoleOrigins: e.CONSOLE_CORS_ALLOW_ORIGINS, webOrigins: e.WEB_API_CORS_ALLOW_ORIGINS },
    sessionCookieSecure: e.SESSION_COOKIE_SECURE === 'auto' ? 'auto' : e.SESSION_COOKIE_SECURE === 'true' ? 'always' : 'never',
    trustedProxies: e.TRUSTED_PROXIES.split(',').map((s) => s.trim()).filter(Boolean),
    audio: { speechToTextModel: e.DEFAULT_SPEECH_TO_TEXT_MODEL, ttsModel: e.DEFAULT_TTS_MODEL },
    knowledge: {
      defaultEmbeddingModel: e.DEFAULT_EMBEDDING_MODEL,
      defaultLlmModel: e.DEFAULT_LLM_MODEL,
      embeddingBatchSize: e.EMBEDDING_BATCH_SIZE,
      embeddingRpm: e.EMBEDDING_RPM,
      vectorMemoryIndexBytes: e.VECTOR_MEMORY_INDEX_MB * 1024 * 1024,
      parseConcurrency: e.INGEST_PARSE_CONCURRENCY,
      embedConcurrency: e.INGEST_EMBED_CONCURRENCY,
      stageTimeoutSeconds: e.INGEST_STAGE_TIMEOUT_SECONDS,
      watchdogIntervalSeconds: e.INGEST_WATCHDOG_INTERVAL_SECONDS,
    },
    workflowMaxExecutionSeconds: e.WORKFLOW_MAX_EXECUTION_SECONDS,
    ...overrides,
  };
  if (!cfg.secretKey) cfg.secretKey = ensureSecretKey(cfg.dataDir);
  return cfg;
}

function parseServices(raw: string): ServiceId[] {
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0 || names.includes('all')) return [...ALL_SERVICES];
  const unknown = names.filter((n) => !(ALL_SERVICES as readonly string[]).includes(n));
  if (unknown.length) {
    throw new ConfigValidationError([`SERVICES: unknown service(s) ${unknown.join(', ')}; choose from all, ${ALL_SERVICES.join(', ')}`]);
  }
  return names as ServiceId[];
}

function ensureSecretKey(dataDir: string): string {
  const file = join(dataDir, 'secret_key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return key;
}
