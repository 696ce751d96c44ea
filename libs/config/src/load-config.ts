import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALL_SERVICES, Env, ServiceId, SluiceConfig, envSchema } from './app-config';
import { ConfigValidationError } from './config.errors';
import { isDevelopmentEnv, secretKeyProblem } from './secret-key-check';

/**
 * Reads and validates the environment once. The only place that touches process.env.
 * SECRET_KEY, when unset, is generated into DATA_DIR so restarts keep sessions and encrypted credentials valid.
 * A weak or placeholder SECRET_KEY is refused unless NODE_ENV is development or test.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<SluiceConfig> = {}): SluiceConfig {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  // NODE_ENV describes the runtime, not the install: an explicit env object (tests, scripts) inherits it.
  if (!cleaned.NODE_ENV && process.env.NODE_ENV) cleaned.NODE_ENV = process.env.NODE_ENV;
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
    metricsPort: e.METRICS_PORT ?? e.HEALTH_PORT,
    nodeEnv: e.NODE_ENV,
    migrationEnabled: e.MIGRATION_ENABLED,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
    otel: { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME },
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
    transportLocalDispatch: e.TRANSPORT_LOCAL_DISPATCH,
    appMaxExecutionSeconds: e.APP_MAX_EXECUTION_TIME,
    modelTimeouts: { firstTokenMs: e.MODEL_FIRST_TOKEN_TIMEOUT_SECONDS * 1000, idleMs: e.MODEL_IDLE_TIMEOUT_SECONDS * 1000 },
    accessTokenTtlSeconds: e.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_EXPIRE_DAYS * 86400,
    codeExecution: { endpoint: e.CODE_EXECUTION_ENDPOINT, apiKey: e.CODE_EXECUTION_API_KEY },
    ssrfAllowPrivate: e.SSRF_ALLOW_PRIVATE,
    cors: { consoleOrigins: e.CONSOLE_CORS_ALLOW_ORIGINS, webOrigins: e.WEB_API_CORS_ALLOW_ORIGINS },
    sessionCookieSecure: e.SESSION_COOKIE_SECURE === 'auto' ? 'auto' : e.SESSION_COOKIE_SECURE === 'true' ? 'always' : 'never',
    trustedProxies: e.TRUSTED_PROXIES.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
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
    accounts: {
      allowRegister: e.ALLOW_REGISTER,
      allowCreateWorkspace: e.ALLOW_CREATE_WORKSPACE,
      inviteExpiryHours: e.INVITE_EXPIRY_HOURS,
      resetTokenExpiryMinutes: e.RESET_PASSWORD_TOKEN_EXPIRY_MINUTES,
      lockoutMaxFailures: e.LOGIN_LOCKOUT_MAX_FAILURES,
      lockoutWindowSeconds: e.LOGIN_LOCKOUT_WINDOW_SECONDS,
      consoleWebUrl: (e.CONSOLE_WEB_URL ?? '').replace(/\/+$/, ''),
    },
    mail: mailConfig(e),
    ...overrides,
  };
  if (!cfg.secretKey) cfg.secretKey = ensureSecretKey(cfg.dataDir);
  const problem = secretKeyProblem(cfg.secretKey);
  if (problem && !isDevelopmentEnv(cfg.nodeEnv)) throw new ConfigValidationError([`${problem} (NODE_ENV=${cfg.nodeEnv}; only development and test accept it)`]);
  return cfg;
}

function mailConfig(e: Env): SluiceConfig['mail'] {
  if (!e.MAIL_TYPE) return null;
  const missing = (['MAIL_DEFAULT_SEND_FROM', 'SMTP_SERVER', 'CONSOLE_WEB_URL'] as const).filter((k) => !e[k]);
  if (missing.length) throw new ConfigValidationError(missing.map((k) => `${k}: required when MAIL_TYPE=smtp (links in mails must be absolute)`));
  return {
    from: e.MAIL_DEFAULT_SEND_FROM!,
    smtp: {
      host: e.SMTP_SERVER!,
      port: e.SMTP_PORT,
      username: e.SMTP_USERNAME,
      password: e.SMTP_PASSWORD,
      useTls: e.SMTP_USE_TLS,
      opportunisticTls: e.SMTP_OPPORTUNISTIC_TLS,
    },
  };
}

function parseServices(raw: string): ServiceId[] {
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
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
