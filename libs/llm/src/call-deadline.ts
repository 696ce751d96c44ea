import { CompletionRequestError } from '@sluice/contracts';

export interface ModelDeadlines {
  /** nothing at all from the provider for this long after the request → aborted */
  firstTokenMs: number;
  /** silence between two chunks of a stream for this long → aborted */
  idleMs: number;
  /** the whole call (APP_MAX_EXECUTION_TIME) */
  totalMs: number;
}

export const DEFAULT_DEADLINES: ModelDeadlines = { firstTokenMs: 60_000, idleMs: 30_000, totalMs: 1_200_000 };

/**
 * The clocks of one model call. A hung provider (no first token, a stream that stops, an answer
 * that never ends) aborts the HTTP request and leaves `expired` set, so the caller answers with
 * Dify's completion_request_error instead of holding the request for the client library's 10 minutes.
 */
export class CallDeadline {
  readonly signal: AbortSignal;
  expired?: CompletionRequestError;
  private readonly ctl = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];
  private idle?: NodeJS.Timeout;
  private heard = false;

  constructor(
    private readonly d: ModelDeadlines,
    outer?: AbortSignal,
  ) {
    this.signal = outer ? AbortSignal.any([outer, this.ctl.signal]) : this.ctl.signal;
    this.timers.push(this.after(d.firstTokenMs, `[timeout] The model sent nothing within ${seconds(d.firstTokenMs)}.`));
    this.timers.push(this.after(d.totalMs, `[timeout] The model did not finish within ${seconds(d.totalMs)}.`));
  }

  /** Something arrived from the provider: the first-token clock stops, the idle clock restarts. */
  tick(): void {
    if (!this.heard) {
      this.heard = true;
      clearTimeout(this.timers[0]);
    }
    clearTimeout(this.idle);
    this.idle = this.after(this.d.idleMs, `[timeout] The model stopped sending for ${seconds(this.d.idleMs)}.`);
  }

  done(): void {
    for (const t of this.timers) clearTimeout(t);
    clearTimeout(this.idle);
  }

  private after(ms: number, message: string): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.expired ??= new CompletionRequestError(message);
      this.ctl.abort(this.expired);
    }, ms);
    t.unref();
    return t;
  }
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} seconds`;
}
