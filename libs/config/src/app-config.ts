import ipaddr from 'ipaddr.js';
import { z } from 'zod';

export const ALL_SERVICES = ['gateway', 'chat', 'workflow', 'dataset', 'ingest-worker'] as const;
export type ServiceId = (typeof ALL_SERVICES)[number];

const intFrom = (def: number) => z.coerce.number().int().positive().default(def);
const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isIpOrCidr = (s: string) =>
  ipaddr.isValid(s) ||
  (() => {
    try {
      ipaddr.parseCIDR(s);
      return true;
    } catch {
      return false;
    }
  })();

/** A comma-separated list of browser origins (`https://app.example.com`), each normalised by URL. */
const originList = (allowStar: boolean) =>
  z
    .string()
    .default('')
    .transform((raw, ctx) => {
      const out: string[] = [];
      for (const item of raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        if (item === '*' && allowStar) {
          out.push('*');
          continue;
        }
        try {
          const u = new URL(item);
          if (u.origin === 'null' || !/^https?:$/.test(u.protocol)) throw new Error('not an origin');
          out.push(u.origin);
        } catch {
          ctx.addIssue({ code: 'custom', message: `${item} is not an origin like https://app.example.com${allowStar ? ' (or *)' : ''}` });
        }
      }
      return out;
    });

/** The environment contract of ARCHITECTURE.md, validated once at boot. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(5001),
  HOST: z.string().default('0.0.0.0'),
  /** `/livez`, `/readyz` and `/health` of every process (Kubernetes probes) */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(5002),
  /** Prometheus `/metrics` of every process, kept off the public API port; unset = on HEALTH_PORT */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** development/test relax the SECRET_KEY strength check; anything else is treated as production */
  NODE_ENV: z.string().default('production'),
  /** run pending migrations at start (Dify's name); off in pods when a Job runs `npm run migrate` */
  MIGRATION_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** after SIGTERM, how long running requests, SSE streams and jobs get before the process exits anyway */
  SHUTDOWN_TIMEOUT_SECONDS: intFrom(45),
  /** OpenTelemetry traces go to this OTLP/HTTP endpoint; unset = tracing off */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: z.string().default('sluice'),
  SERVICES: z.string().default('all'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/sluice'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  QDRANT_URL: z.string().url().optional(),
  QDRANT_API_KEY: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  SECRET_KEY: z.string().optional(),
  UPLOAD_FILE_SIZE_LIMIT_MB: z.coerce.number().positive().default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** per-app concurrent generations; 0 = unlimited (Dify's APP_MAX_ACTIVE_REQUESTS) */
  APP_MAX_ACTIVE_REQUESTS: z.coerce.number().int().min(0).default(0),
  /** per-key requests per minute on the Service API; 0 = unlimited */
  API_RATE_LIMIT_RPM: z.coerce.number().int().min(0).default(0),
  /** transport: a request with no reply at all for this long fails with request_timeout */
  RPC_TIMEOUT_MS: intFrom(30_000),
  /** a request to a service that also runs in this process skips Redis (false: always through the streams) */
  TRANSPORT_LOCAL_DISPATCH: bool(true),
  /** the longest a single generation may run (Dify's APP_MAX_EXECUTION_TIME, seconds) */
  APP_MAX_EXECUTION_TIME: intFrom(1200),
  /** a model call that has sent no token for this long is aborted (a hung provider) */
  MODEL_FIRST_TOKEN_TIMEOUT_SECONDS: intFrom(60),
  /** a streaming model call silent for this long between two tokens is aborted */
  MODEL_IDLE_TIMEOUT_SECONDS: intFrom(30),
  ACCESS_TOKEN_EXPIRE_MINUTES: intFrom(60),
  REFRESH_TOKEN_EXPIRE_DAYS: intFrom(30),
  /** the key-prefix under which everything lives in Redis, so several installs can share one */
  REDIS_PREFIX: z.string().default('sluice'),
  CODE_EXECUTION_ENDPOINT: z.string().url().optional(),
  CODE_EXECUTION_API_KEY: z.string().optional(),
  /** default embedding model of new high_quality datasets (on the workspace's `openai` provider) */
  DEFAULT_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  /** the LLM Sluice uses for its own work — question/answer pairs of qa_model documents — on the workspace's `openai` provider */
  DEFAULT_LLM_MODEL: z.string().default('gpt-4o-mini'),
  /** speech models of `/audio-to-text` and `/text-to-audio` (workspace's `openai` provider) */
  DEFAULT_SPEECH_TO_TEXT_MODEL: z.string().default('whisper-1'),
  DEFAULT_TTS_MODEL: z.string().default('tts-1'),
  /** inputs per embedding request (Dify sends 1 when the model declares none) */
  EMBEDDING_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(64),
  /** embedding requests per minute per provider, shared by all workers through Redis; 0 = unlimited */
  EMBEDDING_RPM: z.coerce.number().int().min(0).default(0),
  /**
   * memory for the embedded store's in-memory 8-bit search of big datasets, per process; 0 = LanceDB's
   * IVF_PQ only. At most 2048: one dataset lives in one WebAssembly memory (4 GB), which grows by doubling.
   */
  VECTOR_MEMORY_INDEX_MB: z.coerce.number().int().min(0).max(2048).default(512),
  /** concurrent jobs per worker process, per stage */
  INGEST_PARSE_CONCURRENCY: intFrom(2),
  INGEST_EMBED_CONCURRENCY: intFrom(4),
  /** a document whose stage runs longer than this is re-enqueued by the watchdog, then failed */
  INGEST_STAGE_TIMEOUT_SECONDS: intFrom(900),
  /** how often the watchdog looks for stuck documents */
  INGEST_WATCHDOG_INTERVAL_SECONDS: intFrom(30),
  /** wall-time limit of one workflow run */
  WORKFLOW_MAX_EXECUTION_SECONDS: intFrom(1200),
  SSRF_ALLOW_PRIVATE: bool(false),
  /** anyone may create an account (and a workspace of their own) with POST /console/api/register */
  ALLOW_REGISTER: bool(false),
  /** members may create further workspaces with POST /console/api/workspaces */
  ALLOW_CREATE_WORKSPACE: bool(false),
  /** how long an invitation link stays valid */
  INVITE_EXPIRY_HOURS: intFrom(72),
  /** how long a password-reset token stays valid (Dify's name) */
  RESET_PASSWORD_TOKEN_EXPIRY_MINUTES: intFrom(30),
  /** failed logins (and reset or activation attempts) per email within the window before 429 */
  LOGIN_LOCKOUT_MAX_FAILURES: intFrom(5),
  LOGIN_LOCKOUT_WINDOW_SECONDS: intFrom(900),
  /** where the console is reached, for links in invitation and reset emails (required with MAIL_TYPE) */
  CONSOLE_WEB_URL: z.string().url().optional(),
  /** `smtp` to send invitation and reset emails; unset → links are returned to the admin who asked */
  MAIL_TYPE: z.enum(['smtp']).optional(),
  MAIL_DEFAULT_SEND_FROM: z.string().optional(),
  SMTP_SERVER: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(465),
  SMTP_USERNAME: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  /** implicit TLS (port 465); with SMTP_OPPORTUNISTIC_TLS, STARTTLS on a plain port instead */
  SMTP_USE_TLS: bool(true),
  SMTP_OPPORTUNISTIC_TLS: bool(false),
  /** browser origins allowed to call the Console API with credentials; empty = same origin only (no `*`: it would hand sessions to any site) */
  CONSOLE_CORS_ALLOW_ORIGINS: originList(false),
  /** browser origins allowed on the Web API; `*` (the default) = any origin, without credentials */
  WEB_API_CORS_ALLOW_ORIGINS: originList(true).default('*'),
  /** `Secure` on login cookies: auto = when the request came over HTTPS (X-Forwarded-Proto counts only from TRUSTED_PROXIES) */
  SESSION_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** proxies whose X-Forwarded-* headers are believed: addresses, CIDRs or loopback / linklocal / uniquelocal; empty = none */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .refine(
      (raw) =>
        raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .every((p) => PROXY_NAMES.has(p) || isIpOrCidr(p)),
      'must list IP addresses, CIDRs or loopback / linklocal / uniquelocal, separated by commas',
    ),
});

export type Env = z.infer<typeof envSchema>;

export interface SluiceConfig {
  port: number;
  host: string;
  healthPort: number;
  metricsPort: number;
  nodeEnv: string;
  migrationEnabled: boolean;
  shutdownTimeoutSeconds: number;
  otel: { endpoint?: string; serviceName: string };
  services: ServiceId[];
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  openai: { apiKey?: string; baseUrl?: string };
  qdrant: { url?: string; apiKey?: string };
  dataDir: string;
  /** filled by the launcher: from SECRET_KEY, or generated into DATA_DIR on first start */
  secretKey: string;
  uploadFileSizeLimitBytes: number;
  logLevel: Env['LOG_LEVEL'];
  appMaxActiveRequests: number;
  apiRateLimitRpm: number;
  rpcTimeoutMs: number;
  transportLocalDispatch: boolean;
  appMaxExecutionSeconds: number;
  /** how long a model call may wait for its first token, and between two tokens */
  modelTimeouts: { firstTokenMs: number; idleMs: number };
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  codeExecution: { endpoint?: string; apiKey?: string };
  ssrfAllowPrivate: boolean;
  cors: {
    /** exact origins; credentials allowed */
    consoleOrigins: string[];
    /** exact origins (credentials allowed), or `['*']`: any origin without credentials */
    webOrigins: string[];
  };
  /** whether login cookies carry `Secure` */
  sessionCookieSecure: 'auto' | 'always' | 'never';
  /** express `trust proxy` value; empty = trust no proxy */
  trustedProxies: string[];
  knowledge: {
    defaultEmbeddingModel: string;
    defaultLlmModel: string;
    embeddingBatchSize: number;
    embeddingRpm: number;
    vectorMemoryIndexBytes: number;
    parseConcurrency: number;
    embedConcurrency: number;
    stageTimeoutSeconds: number;
    watchdogIntervalSeconds: number;
  };
  workflowMaxExecutionSeconds: number;
  audio: { speechToTextModel: string; ttsModel: string };
  accounts: {
    allowRegister: boolean;
    allowCreateWorkspace: boolean;
    inviteExpiryHours: number;
    resetTokenExpiryMinutes: number;
    lockoutMaxFailures: number;
    lockoutWindowSeconds: number;
    /** no trailing slash; '' when unset (links are then relative) */
    consoleWebUrl: string;
  };
  /** null: no mail is sent; links go back to the admin who asked */
  mail: null | {
    from: string;
    smtp: { host: string; port: number; username?: string; password?: string; useTls: boolean; opportunisticTls: boolean };
  };
}
