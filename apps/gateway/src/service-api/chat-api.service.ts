import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { finalize } from 'rxjs';
import { CallerIdentity, InvalidParamError, Patterns } from '@sluice/contracts';
import { ServiceProxy } from '../common/service-proxy';
import { SseResponder } from '../common/sse-responder';
import { RateLimiter } from '../limits/rate-limiter.service';

/** Runs a generation for any API surface: concurrency slot, then a blocking body or an SSE stream. */
@Injectable()
export class ChatApiService {
  constructor(private readonly proxy: ServiceProxy, private readonly sse: SseResponder, private readonly limiter: RateLimiter) {}

  async generate(kind: 'chat' | 'completion', caller: CallerIdentity, appCap: number, body: unknown, req: Request, res: Response) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new InvalidParamError('Invalid JSON payload received or JSON payload is empty.');
    }
    const streaming = (body as { response_mode?: unknown }).response_mode === 'streaming';
    const release = await this.limiter.acquireSlot(caller.appId, appCap);
    const payload = { caller, kind, body, streaming };
    if (!streaming) {
      try {
        res.status(200).json(await this.proxy.call(Patterns.chat.generate, payload));
      } finally {
        release();
      }
      return;
    }
    await this.sse.pipe(req, res, this.proxy.stream(Patterns.chat.generate, payload).pipe(finalize(release)));
  }

  stop(caller: CallerIdentity, taskId: string) {
    if (!caller.sessionId) throw new InvalidParamError('user is required', { params: 'user' });
    return this.proxy.call(Patterns.chat.stop, { caller, taskId });
  }

  call(pattern: string, caller: CallerIdentity, extra: { id?: string; body?: unknown; query?: unknown; web?: boolean } = {}) {
    return this.proxy.call(pattern, { caller, ...extra });
  }
}
