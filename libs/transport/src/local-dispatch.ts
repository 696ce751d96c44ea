import { ReplyEnvelope, RequestEnvelope } from './transport.types';

/** A service replica running in this process, reachable without Redis. */
export interface LocalEndpoint {
  /** can take this request now: serves the pattern, is running, and has a free slot */
  accepts(pattern: string): boolean;
  /**
   * Runs a request as if it had been read from the stream; `reply` gets the same envelopes the
   * caller's reply stream would (values already copied through JSON, as the wire would).
   */
  dispatch(env: RequestEnvelope, reply: ((m: ReplyEnvelope) => void) | null): void;
}

/**
 * The replicas of each service that live in this process (`npm start` runs every app in one),
 * keyed by Redis URL, prefix and service so that separate installs or test platforms in one
 * process never answer each other. A client whose service has a local replica with a free slot
 * hands the request over directly; otherwise (none here, or all busy) it goes through the stream
 * for any replica to take, as in a split deployment.
 */
class LocalEndpoints {
  private readonly byKey = new Map<string, LocalEndpoint[]>();
  private turn = 0;

  private key(redisUrl: string, prefix: string, service: string) {
    return `${redisUrl}\u0000${prefix}\u0000${service}`;
  }

  register(redisUrl: string, prefix: string, service: string, e: LocalEndpoint): () => void {
    const k = this.key(redisUrl, prefix, service);
    this.byKey.set(k, [...(this.byKey.get(k) ?? []), e]);
    return () => {
      const left = (this.byKey.get(k) ?? []).filter((x) => x !== e);
      if (left.length) this.byKey.set(k, left);
      else this.byKey.delete(k);
    };
  }

  /** A local replica that takes `pattern` now (round robin when there are several), or undefined. */
  find(redisUrl: string, prefix: string, service: string, pattern: string): LocalEndpoint | undefined {
    const list = this.byKey.get(this.key(redisUrl, prefix, service));
    if (!list) return undefined;
    for (let k = 0; k < list.length; k++) {
      const e = list[(this.turn + k) % list.length];
      if (e.accepts(pattern)) {
        this.turn = (this.turn + k + 1) % list.length;
        return e;
      }
    }
    return undefined;
  }
}

export const localEndpoints = new LocalEndpoints();
