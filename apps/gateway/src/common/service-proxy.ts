import { Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { lastValueFrom, Observable } from 'rxjs';
import { Services, SseEvent } from '@sluice/contracts';
import { InjectTransport } from '@sluice/transport';

/**
 * The gateway's handle on the services. A pattern's first segment names its owner:
 * `dataset.*` → dataset service, `workflow.*` → workflow service, everything else → chat.
 */
@Injectable()
export class ServiceProxy {
  constructor(
    @InjectTransport(Services.chat) private readonly chat: ClientProxy,
    @InjectTransport(Services.dataset) private readonly dataset: ClientProxy,
    @InjectTransport(Services.workflow) private readonly workflow: ClientProxy,
  ) {}

  // Nest's client refuses an undefined payload with a bare Error; a missing body is just an empty one.
  call<T = unknown>(pattern: string, payload: unknown): Promise<T> {
    return lastValueFrom(this.client(pattern).send<T>(pattern, payload ?? {}));
  }

  stream(pattern: string, payload: unknown): Observable<SseEvent> {
    return this.client(pattern).send<SseEvent>(pattern, payload ?? {});
  }

  private client(pattern: string): ClientProxy {
    if (pattern.startsWith('dataset.')) return this.dataset;
    if (pattern.startsWith('workflow.')) return this.workflow;
    return this.chat;
  }
}
