import { Controller } from '@nestjs/common';
import { from } from 'rxjs';
import { ChatContracts, GenerateRequest, HealthContracts, StopRequest } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { ChatGenerationService } from './chat-generation.service';

/** Chat and completion turns (Service API, Web API and the console's preview), and their stop. */
@Controller()
export class GenerationController {
  constructor(private readonly generation: ChatGenerationService) {}

  /** Streaming replies are a stream of SSE event bodies; blocking replies are one JSON body. */
  @HandlesContract(ChatContracts.generate)
  generate(@ContractPayload(ChatContracts.generate) p: GenerateRequest) {
    return p.streaming ? from(this.generation.stream(p)) : this.generation.blocking(p);
  }

  @HandlesContract(ChatContracts.stop)
  stop(@ContractPayload(ChatContracts.stop) p: StopRequest) {
    return this.generation.stop(p);
  }

  @HandlesContract(HealthContracts.chat)
  ping() {
    return { ok: true, service: 'chat' };
  }
}
