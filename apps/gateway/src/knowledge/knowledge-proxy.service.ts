import { Injectable } from '@nestjs/common';
import { Contract, ContractInput, ContractReply, DatasetContracts } from '@sluice/contracts';
import { DatasetKeyContext } from '../auth/dataset-key.guard';
import { AccountContext } from '../common/caller';
import { ServiceProxy } from '../common/service-proxy';

/** Who is calling: a dataset key (Service API) or a console account. */
export type KnowledgeCaller = { kind: 'api'; key: DatasetKeyContext } | { kind: 'console'; account: AccountContext };

export const apiCaller = (key: DatasetKeyContext): KnowledgeCaller => ({ kind: 'api', key });
export const consoleCaller = (account: AccountContext): KnowledgeCaller => ({ kind: 'console', account });

/**
 * Forwards knowledge routes to the dataset service. The workspace always comes from the
 * credential, never from the request, so a key can only ever reach its own workspace.
 */
@Injectable()
export class KnowledgeProxy {
  constructor(private readonly proxy: ServiceProxy) {}

  call<C extends Contract>(contract: C, c: KnowledgeCaller, extra: Record<string, unknown> = {}): Promise<ContractReply<C>> {
    const who =
      c.kind === 'api'
        ? { tenantId: c.key.tenantId, via: 'api' }
        : { tenantId: c.account.tenantId, accountId: c.account.accountId, role: c.account.role, via: 'console' };
    return this.proxy.call(contract, { ...extra, ...who } as ContractInput<C>);
  }

  /** `retrieve` / `hit-testing`: the dataset service checks the dataset (workspace, API access) itself. */
  hitTesting(c: KnowledgeCaller, datasetId: string, body: unknown) {
    return this.call(DatasetContracts.hitTesting, c, { datasetId, body });
  }
}
