import { Controller } from '@nestjs/common';
import { ContractPayloadOf, DatasetContracts } from '@sluice/contracts';
import { BUILT_IN_FIELDS } from '@sluice/knowledge';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { IndexingEstimateService } from '../documents/indexing-estimate.service';
import { ConsoleSegmentsService } from './console-segments.service';
import { ConsoleTagsService } from './console-tags.service';

const P = DatasetContracts.console;

/** Console-only knowledge handlers (Dify's console shapes): one line each into a service. */
@Controller()
export class ConsoleKnowledgeController {
  constructor(
    private readonly estimate: IndexingEstimateService,
    private readonly segments: ConsoleSegmentsService,
    private readonly tags: ConsoleTagsService,
  ) {}

  @HandlesContract(P.indexingEstimate)
  indexingEstimate(@ContractPayload(P.indexingEstimate) p: ContractPayloadOf<typeof P.indexingEstimate>) {
    return this.estimate.estimate(p);
  }

  @HandlesContract(P.builtInFields)
  builtInFields() {
    return { fields: BUILT_IN_FIELDS.map((f) => ({ ...f })) };
  }

  @HandlesContract(P.segmentCreate)
  segmentCreate(@ContractPayload(P.segmentCreate) p: ContractPayloadOf<typeof P.segmentCreate>) {
    return this.segments.create(p);
  }

  @HandlesContract(P.segmentUpdate)
  segmentUpdate(@ContractPayload(P.segmentUpdate) p: ContractPayloadOf<typeof P.segmentUpdate>) {
    return this.segments.update(p);
  }

  @HandlesContract(P.segmentsStatus)
  segmentsStatus(@ContractPayload(P.segmentsStatus) p: ContractPayloadOf<typeof P.segmentsStatus>) {
    return this.segments.setEnabled(p);
  }

  @HandlesContract(P.segmentsDelete)
  segmentsDelete(@ContractPayload(P.segmentsDelete) p: ContractPayloadOf<typeof P.segmentsDelete>) {
    return this.segments.remove(p);
  }

  @HandlesContract(P.tagsList)
  tagsList(@ContractPayload(P.tagsList) p: ContractPayloadOf<typeof P.tagsList>) {
    return this.tags.list(p);
  }

  @HandlesContract(P.tagCreate)
  tagCreate(@ContractPayload(P.tagCreate) p: ContractPayloadOf<typeof P.tagCreate>) {
    return this.tags.create(p);
  }

  @HandlesContract(P.tagUpdate)
  tagUpdate(@ContractPayload(P.tagUpdate) p: ContractPayloadOf<typeof P.tagUpdate>) {
    return this.tags.update(p, p.tagId ?? '');
  }

  @HandlesContract(P.tagDelete)
  tagDelete(@ContractPayload(P.tagDelete) p: ContractPayloadOf<typeof P.tagDelete>) {
    return this.tags.remove(p, p.tagId ?? '');
  }

  @HandlesContract(P.tagBind)
  tagBind(@ContractPayload(P.tagBind) p: ContractPayloadOf<typeof P.tagBind>) {
    return this.tags.bind(p);
  }

  @HandlesContract(P.tagUnbind)
  tagUnbind(@ContractPayload(P.tagUnbind) p: ContractPayloadOf<typeof P.tagUnbind>) {
    return this.tags.unbind(p);
  }
}
