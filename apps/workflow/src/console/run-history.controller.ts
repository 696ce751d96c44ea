import { Controller } from '@nestjs/common';
import { WorkflowContracts } from '@sluice/contracts';
import { Scope } from '../workflows/workflows.service';
import { RunHistoryService } from './run-history.service';
import { ContractPayload, HandlesContract } from '@sluice/transport';

type Req = { scope: Scope; id: string; runId?: string; blockType?: string; query?: unknown; chatflow?: boolean };
const P = WorkflowContracts.console;

/** Console run history, versions and node defaults: one line each into the service. */
@Controller()
export class RunHistoryController {
  constructor(private readonly history: RunHistoryService) {}

  @HandlesContract(P.runs)
  runs(@ContractPayload(P.runs) p: Req) {
    return this.history.runs(p.scope, p.id, p.query, p.chatflow);
  }

  @HandlesContract(P.appLogs)
  appLogs(@ContractPayload(P.appLogs) p: Req) {
    return this.history.appLogs(p.scope, p.id, p.query);
  }

  @HandlesContract(P.run)
  run(@ContractPayload(P.run) p: Req) {
    return this.history.run(p.scope, p.id, p.runId!);
  }

  @HandlesContract(P.nodeExecutions)
  nodeExecutions(@ContractPayload(P.nodeExecutions) p: Req) {
    return this.history.nodeExecutions(p.scope, p.id, p.runId!);
  }

  @HandlesContract(P.versions)
  versions(@ContractPayload(P.versions) p: Req) {
    return this.history.versions(p.scope, p.id, p.query);
  }

  @HandlesContract(P.blockConfigs)
  blockConfigs(@ContractPayload(P.blockConfigs) p: Req) {
    return this.history.blockConfigs(p.scope, p.id, p.blockType, p.query);
  }
}
