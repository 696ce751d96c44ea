import { Injectable, PipeTransform } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Contract, ContractPayloadOf, parseContract } from '@sluice/contracts';

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
