import { DomainError } from '@sluice/contracts';
import { VectorStoreRequestError, VectorStoreUnavailableError } from './vector.errors';

/** HTTP status of a failed Qdrant call, whichever layer of the client raised it. */
export function qdrantStatus(err: unknown): number | undefined {
  const e = err as { status?: unknown; message?: unknown };
  if (typeof e?.status === 'number') return e.status;
  const m = /Unexpected Response: (\d{3})/.exec(String(e?.message ?? ''));
  return m ? Number(m[1]) : undefined;
}

/** Qdrant's own explanation (`{"status":{"error":"..."}}`) when the client kept the body. */
function qdrantReason(err: unknown): string {
  const e = err as { data?: { status?: { error?: unknown } }; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const reason = e?.data?.status?.error;
  if (typeof reason === 'string') return reason;
  const msg = String(e?.message ?? err);
  const raw = /Raw response content:\n([\s\S]*)$/.exec(msg)?.[1];
  if (raw) {
    try {
      const body = JSON.parse(raw);
      if (typeof body?.status?.error === 'string') return body.status.error;
    } catch {
      return raw.replace(/\s+/g, ' ').slice(0, 300);
    }
  }
  const cause = e?.cause ? ` (${String(e.cause.code ?? e.cause.message ?? '')})` : '';
  return msg.split('\n')[0] + cause;
}

/**
 * Turns client, HTTP and network failures into the two typed errors callers handle: unavailable
 * (network, timeouts, 429, 5xx: retry later) and request errors (4xx: retrying will not help).
 */
export function mapQdrantError(err: unknown, op: string, collection: string, url: string): DomainError {
  if (err instanceof DomainError) return err;
  const status = qdrantStatus(err);
  const reason = qdrantReason(err);
  const where = `Qdrant at ${url} (${op} on ${collection})`;
  const name = (err as Error)?.name ?? '';
  if (name === 'QdrantClientTimeoutError') return new VectorStoreUnavailableError(`${where} did not answer in time.`);
  if (status === undefined) return new VectorStoreUnavailableError(`${where} is unreachable: ${reason}`);
  if (status === 429 || status >= 500) return new VectorStoreUnavailableError(`${where} answered ${status}: ${reason}`);
  return new VectorStoreRequestError(`${where} rejected the request (${status}): ${reason}`);
}
