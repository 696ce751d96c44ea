import { Controller } from '@nestjs/common';
import { ContractPayloadOf, DatasetContracts } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { ChildChunksService } from './child-chunks.service';
import { SegmentsService } from './segments.service';

const P = DatasetContracts.segments;

/** Segment and child-chunk message handlers: one line each into a service. */
@Controller()
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly children: ChildChunksService,
  ) {}

  @HandlesContract(P.list)
  list(@ContractPayload(P.list) p: ContractPayloadOf<typeof P.list>) {
    return this.segments.list(p);
  }

  @HandlesContract(P.create)
  create(@ContractPayload(P.create) p: ContractPayloadOf<typeof P.create>) {
    return this.segments.create(p);
  }

  @HandlesContract(P.get)
  get(@ContractPayload(P.get) p: ContractPayloadOf<typeof P.get>) {
    return this.segments.get(p);
  }

  @HandlesContract(P.update)
  update(@ContractPayload(P.update) p: ContractPayloadOf<typeof P.update>) {
    return this.segments.update(p);
  }

  @HandlesContract(P.delete)
  async remove(@ContractPayload(P.delete) p: ContractPayloadOf<typeof P.delete>) {
    await this.segments.remove(p);
    return { result: 'success' };
  }

  @HandlesContract(P.childList)
  childList(@ContractPayload(P.childList) p: ContractPayloadOf<typeof P.childList>) {
    return this.children.list(p);
  }

  @HandlesContract(P.childCreate)
  childCreate(@ContractPayload(P.childCreate) p: ContractPayloadOf<typeof P.childCreate>) {
    return this.children.create(p);
  }

  @HandlesContract(P.childUpdate)
  childUpdate(@ContractPayload(P.childUpdate) p: ContractPayloadOf<typeof P.childUpdate>) {
    return this.children.update(p);
  }

  @HandlesContract(P.childDelete)
  async childDelete(@ContractPayload(P.childDelete) p: ContractPayloadOf<typeof P.childDelete>) {
    await this.children.remove(p);
    return { result: 'success' };
  }
}
