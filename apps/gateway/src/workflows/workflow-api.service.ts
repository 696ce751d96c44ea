import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CallerIdentity, Contract, ContractInput, ContractReply, InvalidParamError, WorkflowContracts } from '@sluice/contracts';
import { GatewayPayload, ServiceProxy } from '../common/service-proxy';
import { SseResponder } from '../common/sse-responder';

/** Runs a workflow for the Service API or the console's debug run: blocking JSON or SSE. */
@Injectable()
export class WorkflowApiService {
  constructor(
    private readonly proxy: ServiceProxy,
    private readonly sse: SseResponder,
  ) {}

  async run(caller: CallerIdentity, body: unknown, req: Request, res: Response, draft = false) {
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw new InvalidParamError('Invalid JSON payload received or JSON payload is empty.');
    const streaming = draft || (body as { response_mode?: unknown }).response_mode === 'streaming';
    const payload = { caller, body, streaming, draft };
    if (!streaming) {
      res.status(200).json(await this.proxy.call(WorkflowContracts.run, payload));
      return;
    }
    await this.sse.pipe(req, res, this.proxy.stream(WorkflowContracts.run, payload));
  }

  /** Re-attaching to a run: its events so far, then live ones, as SSE. */
  async events(caller: CallerIdentity, runId: string, req: Request, res: Response) {
    if (!caller.sessionId) throw new InvalidParamError('user is required', { params: 'user' });
    await this.sse.pipe(req, res, this.proxy.stream(WorkflowContracts.runEvents, { caller, id: runId }));
  }

  /** Dify requires `user` to stop a task: only the user who started it may stop it. */
  stop(caller: CallerIdentity, taskId: string) {
    if (!caller.sessionId) throw new InvalidParamError('user is required', { params: 'user' });
    return this.proxy.call(WorkflowContracts.stop, { caller, id: taskId });
  }

  call<C extends Contract>(contract: C, payload: GatewayPayload<C>): Promise<ContractReply<C>> {
    return this.proxy.call(contract, payload);
  }
}
