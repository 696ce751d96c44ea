import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { finalize } from 'rxjs';
import { CallerIdentity, ChatContracts, Contract, ContractInput, ContractReply, InvalidParamError, WorkflowContracts } from '@sluice/contracts';
import { ServiceProxy } from '../common/service-proxy';
import { SseResponder } from '../common/sse-responder';
import { RateLimiter } from '../limits/rate-limiter.service';

/** Runs a generation for any API surface: concurrency slot, then a blocking body or an SSE stream. */
@Injectable()
export class ChatApiService {
  constructor(
    private readonly proxy: ServiceProxy,
    private readonly sse: SseResponder,
    private readonly limiter: RateLimiter,
  ) {}

  /** `debug`: the console preview (Dify's debugger) — the chat service may take an unsaved model config, chatflows run their draft. */
  async generate(
    kind: 'chat' | 'completion',
    caller: CallerIdentity,
    appCap: number,
    body: unknown,
    req: Request,
    res: Response,
    appMode?: string,
    debug?: { modelConfig?: unknown },
  ) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new InvalidParamError('Invalid JSON payload received or JSON payload is empty.');
    }
    const streaming = (body as { response_mode?: unknown }).response_mode === 'streaming';
    const release = await this.limiter.acquireSlot(caller.appId, appCap);
    const flags = { caller, streaming, ...(debug ? { debug, draft: true } : {}) };
    // Chatflow apps are graphs: the workflow service runs them.
    const chatflow = kind === 'chat' && appMode === 'advanced-chat';
    const generate = { ...flags, kind, body } as ContractInput<typeof ChatContracts.generate>;
    if (!streaming) {
      try {
        res
          .status(200)
          .json(await (chatflow ? this.proxy.call(WorkflowContracts.chat, { ...flags, body }) : this.proxy.call(ChatContracts.generate, generate)));
      } finally {
        release();
      }
      return;
    }
    const events = chatflow ? this.proxy.stream(WorkflowContracts.chat, { ...flags, body }) : this.proxy.stream(ChatContracts.generate, generate);
    await this.sse.pipe(req, res, events.pipe(finalize(release)));
  }

  stop(caller: CallerIdentity, taskId: string, appMode?: string) {
    if (!caller.sessionId) throw new InvalidParamError('user is required', { params: 'user' });
    if (appMode === 'advanced-chat') return this.proxy.call(WorkflowContracts.stop, { caller, id: taskId });
    return this.proxy.call(ChatContracts.stop, { caller, taskId });
  }

  call<C extends Contract>(
    contract: C,
    caller: CallerIdentity,
    extra: { id?: string; body?: unknown; query?: unknown; web?: boolean; action?: string } = {},
  ): Promise<ContractReply<C>> {
    return this.proxy.call(contract, { caller, ...extra } as ContractInput<C>);
  }
}
