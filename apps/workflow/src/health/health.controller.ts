import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Patterns } from '@sluice/contracts';

@Controller()
export class HealthController {
  @MessagePattern(Patterns.health.ping)
  ping() {
    return { ok: true, service: 'workflow' };
  }
}
