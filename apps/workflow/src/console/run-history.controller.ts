import { Controller } from '@nestjs/common';
import { ContractPayloadOf, WorkflowContracts } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { RunHistoryService } from './run-history.service';

const P = WorkflowContracts.console;

/** Console run history, versions and node defaults: one line each into the service. */
@Controller()
export class RunHistoryController {
  constructor(private readonly history: RunHistoryService) {}

  @HandlesContract(P.runs)
  runs(@ContractPayload(P.runs) p: ContractPayloadOf<typeof P.runs>) {
    return this.history.runs(p.scope, p.id, p.query, p.chatflow);
  }

  @HandlesContract(P.appLogs)
  appLogs(@ContractPayload(P.appLogs) p: ContractPayloadOf<typeof P.appLogs>) {
    return this.history.appLogs(p.scope, p.id, p.query);
  }

  @HandlesContract(P.run)
  run(@ContractPayload(P.run) p: ContractPayloadOf<typeof P.run>) {
    return this.history.run(p.scope, p.id, p.runId!);
  }

  @HandlesContract(P.nodeExecutions)
  nodeExecutions(@ContractPayload(P.nodeExecutions) p: ContractPayloadOf<typeof P.nodeExecutions>) {
    return this.history.nodeExecutions(p.scope, p.id, p.runId!);
  }

  @HandlesContract(P.versions)
  versions(@ContractPayload(P.versions) p: ContractPayloadOf<typeof P.versions>) {
    return this.history.versions(p.scope, p.id, p.query);
  }

  @HandlesContract(P.blockConfigs)
  blockConfigs(@ContractPayload(P.blockConfigs) p: ContractPayloadOf<typeof P.blockConfigs>) {
    return this.history.blockConfigs(p.scope, p.id, p.blockType, p.query);
  }
}
