import ipaddr from 'ipaddr.js';
import { z } from 'zod';

export const ALL_SERVICES = ['gateway', 'chat', 'workflow', 'dataset', 'ingest-worker'] as const;
export type ServiceId = (typeof ALL_SERVICES)[number];

const intFrom = (def: number) => z.coerce.number().int().positive().default(def);

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isIpOrCidr = (s: string) => ipaddr.isValid(s) || (() => {
  try {
    ipaddr.parseCIDR(s);
    return true;
  } catch {
    return false;
  }
})();

/** A comma-separated list of browser origins (`https://app.example.com`), each normalised by URL. */
const originList = (allowStar: boolean) =>
  z.string().default('').transform((raw, ctx) => {
    const out: string[] = [];
    for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
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
  /** health endpoint of processes that run no gateway (Kubernetes probes) */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(5002),
  SERVICES: z.string().default('all'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/sluice'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  QDRANT_URL: z.string().url().optional(),
  QDRANT_API_KEY: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  SECRET_KEY: z.string().min(16).optional(),
  UPLOAD_FILE_SIZE_LIMIT_MB: z.coerce.number().positive().default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** per-app concurrent generations; 0 = unlimited (Dify's APP_MAX_ACTIVE_REQUESTS) */
  APP_MAX_ACTIVE_REQUESTS: z.coerce.number().int().min(0).default(0),
  /** per-key requests per minute on the Service API; 0 = unlimited */
  API_RATE_LIMIT_RPM: z.coerce.number().int().min(0).default(0),
  /** transport: a request with no reply at all for this long fails with request_timeout */
  RPC_TIMEOUT_MS: intFrom(30_000),
  /** the longest a single generation may run (Dify's APP_MAX_EXECUTION_TIME, seconds) */
  APP_MAX_EXECUTION_TIME: intFrom(1200),
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
  /** browser origins allowed to call the Console API with credentials; empty = same origin only (no `*`: it would hand sessions to any site) */
  CONSOLE_CORS_ALLOW_ORIGINS: originList(false),
  /** browser origins allowed on the Web API; `*` (the default) = any origin, without credentials */
  WEB_API_CORS_ALLOW_ORIGINS: originList(true).default('*'),
  /** `Secure` on login cookies: auto = when the request came over HTTPS (X-Forwarded-Proto counts only from TRUSTED_PROXIES) */
  SESSION_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** proxies whose X-Forwarded-* headers are believed: addresses, CIDRs or loopback / linklocal / uniquelocal; empty = none */
  TRUSTED_PROXIES: z.string().default('').refine(
    (raw) => raw.split(',').map((s) => s.trim()).filter(Boolean).every((p) => PROXY_NAMES.has(p) || isIpOrCidr(p)),
    'must list IP addresses, CIDRs or loopback / linklocal / uniquelocal, separated by commas',
  ),
  SSRF_ALLOW_PRIVATE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type Env = z.infer<typeof envSchema>;

export interface SluiceConfig {
  port: number;
  host: string;
  healthPort: number;
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
  appMaxExecutionSeconds: number;
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
}
