import { Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { Observable, defer, lastValueFrom } from 'rxjs';
import { Contract, ContractInput, ContractReply, ServiceName, Services, SseEvent, parseContract } from '@sluice/contracts';
import { InjectTransport } from '@sluice/transport';

/** Distributes over a union payload (chat.generate's kinds) so each branch keeps its own fields. */
type WithClientParts<I> = I extends object ? Omit<I, 'body' | 'query'> & { body?: unknown; query?: unknown } : I;
/**
 * A contract's payload as the gateway has it: its own fields typed, the client's `body` and `query`
 * as received, since they are validated (with the contract's schemas) when sent.
 */
export type GatewayPayload<C extends Contract> = WithClientParts<ContractInput<C>>;

/** The gateway's handle on the services: each contract names the service that answers it. */
@Injectable()
export class ServiceProxy {
  private readonly clients: Partial<Record<ServiceName, ClientProxy>>;

  constructor(
    @InjectTransport(Services.chat) chat: ClientProxy,
    @InjectTransport(Services.dataset) dataset: ClientProxy,
    @InjectTransport(Services.workflow) workflow: ClientProxy,
  ) {
    this.clients = { [Services.chat]: chat, [Services.dataset]: dataset, [Services.workflow]: workflow };
  }

  /**
   * Sends a contract's message. The payload is validated with the contract's schema first, so
   * input the service would refuse never crosses the transport (the same invalid_param, naming
   * the field); what is sent is the payload as given, so the wire format does not depend on it.
   */
  call<C extends Contract>(contract: C, payload: GatewayPayload<C>): Promise<ContractReply<C>> {
    parseContract(contract, payload);
    return lastValueFrom(this.client(contract).send<ContractReply<C>>(contract.pattern, payload ?? {}));
  }

  /** As `call`, for a message answered by a stream of SSE event bodies. Validation errors surface when subscribed. */
  stream<C extends Contract>(contract: C, payload: GatewayPayload<C>): Observable<SseEvent> {
    return defer(() => {
      parseContract(contract, payload);
      return this.client(contract).send<SseEvent>(contract.pattern, payload ?? {});
    });
  }

  private client(contract: Contract): ClientProxy {
    const client = this.clients[contract.service];
    // A contract of a service the gateway has no client for is a programming error, caught by the contracts test.
    if (!client) throw new Error(`the gateway has no transport client for service ${contract.service} (${contract.pattern})`);
    return client;
  }
}
