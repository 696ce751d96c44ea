import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ConsolePatterns } from '@sluice/contracts';
import { Scope } from '../workflows/workflows.service';
import { RunHistoryService } from './run-history.service';

type Req = { scope: Scope; id: string; runId?: string; blockType?: string; query?: unknown; chatflow?: boolean };
const P = ConsolePatterns.workflowLogs;

/** Console run history, versions and node defaults: one line each into the service. */
@Controller()
export class RunHistoryController {
  constructor(private readonly history: RunHistoryService) {}

  @MessagePattern(P.runs)
  runs(@Payload() p: Req) {
    return this.history.runs(p.scope, p.id, p.query, p.chatflow);
  }

  @MessagePattern(P.appLogs)
  appLogs(@Payload() p: Req) {
    return this.history.appLogs(p.scope, p.id, p.query);
  }

  @MessagePattern(P.run)
  run(@Payload() p: Req) {
    return this.history.run(p.scope, p.id, p.runId!);
  }

  @MessagePattern(P.nodeExecutions)
  nodeExecutions(@Payload() p: Req) {
    return this.history.nodeExecutions(p.scope, p.id, p.runId!);
  }

  @MessagePattern(P.versions)
  versions(@Payload() p: Req) {
    return this.history.versions(p.scope, p.id, p.query);
  }

  @MessagePattern(P.blockConfigs)
  blockConfigs(@Payload() p: Req) {
    return this.history.blockConfigs(p.scope, p.id, p.blockType, p.query);
  }
}
