import { Injectable, PipeTransform } from '@nestjs/common';
import { ClientProxy, MessagePattern, Payload } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { Contract, ContractInput, ContractPayloadOf, ContractReply, parseContract } from '@sluice/contracts';

/** Validates a message's payload with its contract's schema; a failure is Dify's invalid_param naming the field. */
@Injectable()
export class ContractPipe<C extends Contract> implements PipeTransform<unknown, ContractPayloadOf<C>> {
  constructor(private readonly contract: C) {}

  transform(value: unknown): ContractPayloadOf<C> {
    return parseContract(this.contract, value);
  }
}

/** Marks a method as the handler of a contract's message. */
export const HandlesContract = (contract: Contract): MethodDecorator => MessagePattern(contract.pattern);

/** The handler's payload, validated with the contract's schema and typed by it. */
export const ContractPayload = (contract: Contract): ParameterDecorator => Payload(new ContractPipe(contract));

/**
 * Sends a contract's message from one service to another, typed by the contract: the payload is
 * validated with its schema first (so input the other side would refuse never crosses the
 * transport) and the wire carries the contract's pattern string, which the handler is registered under.
 */
export function callContract<C extends Contract>(client: ClientProxy, contract: C, payload: ContractInput<C>): Promise<ContractReply<C>> {
  parseContract(contract, payload);
  return lastValueFrom(client.send<ContractReply<C>>(contract.pattern, payload ?? {}));
}
