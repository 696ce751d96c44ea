/**
 * A failure the API reports to the caller as Dify's `{code, message, status}`.
 * Services throw these; the transport carries them as data; one gateway filter renders them.
 */
export interface ErrorPayload {
  code: string;
  message: string;
  status: number;
  /** reqparse-style name of the offending field, as Dify adds for invalid_param */
  params?: string;
  /** seconds, sent as Retry-After on 429/503 */
  retryAfter?: number;
}

export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  params?: string;
  retryAfter?: number;

  constructor(code: string, status: number, message: string, extra?: { params?: string; retryAfter?: number }) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.params = extra?.params;
    this.retryAfter = extra?.retryAfter;
  }

  toPayload(): ErrorPayload {
    const p: ErrorPayload = { code: this.code, message: this.message, status: this.status };
    if (this.params !== undefined) p.params = this.params;
    if (this.retryAfter !== undefined) p.retryAfter = this.retryAfter;
    return p;
  }

  static isPayload(v: unknown): v is ErrorPayload {
    return (
      typeof v === 'object' &&
      v !== null &&
      typeof (v as ErrorPayload).code === 'string' &&
      typeof (v as ErrorPayload).status === 'number' &&
      typeof (v as ErrorPayload).message === 'string'
    );
  }

  /** Rebuilds a typed error from a payload that crossed the transport. */
  static fromPayload(p: ErrorPayload): DomainError {
    const ctor = ERROR_REGISTRY.get(p.code) as unknown as (new (message: string) => DomainError) | undefined;
    const err = ctor ? new ctor(p.message) : new DomainError(p.code, p.status, p.message);
    // A status differing from the class default (a newer peer) is kept as sent.
    (err as { status: number }).status = p.status;
    err.params = p.params;
    err.retryAfter = p.retryAfter;
    return err;
  }
}

/** code → class, filled by error-classes.ts so payloads rehydrate to the right class. */
export const ERROR_REGISTRY = new Map<string, { prototype: DomainError; name: string }>();
