import { Controller } from '@nestjs/common';
import { HealthContracts } from '@sluice/contracts';
import { HandlesContract } from '@sluice/transport';

@Controller()
export class HealthController {
  @HandlesContract(HealthContracts.workflow)
  ping() {
    return { ok: true, service: 'workflow' };
  }
}
