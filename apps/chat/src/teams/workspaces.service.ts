import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import {
  ConsoleScope,
  ContractPayloadOf,
  ForbiddenError,
  NotFoundError,
  SessionSubject,
  TeamsContracts,
  WorkspaceRole,
  parseAfterLookup,
} from '@sluice/contracts';
import { AccountsRepository, MembershipsRepository } from '@sluice/database';
import { workspaceListView, workspaceView } from './account-view';
import { TeamsRepository } from './teams.repository';

/** The workspaces an account belongs to: list, current, create, rename, switch. */
@Injectable()
export class WorkspacesService {
  constructor(
    private readonly repo: TeamsRepository,
    private readonly accounts: AccountsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly cfg: AppConfig,
  ) {}

  async list(scope: ConsoleScope) {
    return workspaceListView(await this.memberships.workspaces(scope.accountId), scope.tenantId);
  }

  async current(scope: ConsoleScope) {
    const t = await this.accounts.findTenant(scope.tenantId);
    if (!t) throw new NotFoundError('Workspace not found.');
    return { ...workspaceView(t, { role: scope.role }), in_trial: null, trial_end_reason: null, custom_config: null };
  }

  async create(scope: ConsoleScope, body: unknown) {
    if (!this.cfg.accounts.allowCreateWorkspace) throw new ForbiddenError('Creating workspaces is not allowed on this installation (ALLOW_CREATE_WORKSPACE).');
    const b = parseAfterLookup(TeamsContracts.workspaceCreate, 'body', body);
    const t = await this.repo.transaction(async (m) => {
      const tenant = await this.accounts.insertTenant(m, b.name);
      await this.memberships.insert(m, { tenantId: tenant.id, accountId: scope.accountId, role: 'owner', current: false });
      return tenant;
    });
    return workspaceView(t, { role: 'owner', current: false });
  }

  /** Dify: POST /workspaces/info. */
  async rename(scope: ConsoleScope, b: ContractPayloadOf<typeof TeamsContracts.workspaceRename>['body']) {
    await this.accounts.renameTenant(scope.tenantId, b.name);
    return { result: 'success', tenant: await this.current(scope) };
  }

  /** Makes another of the account's workspaces current; the gateway issues tokens bound to it. */
  async switch(
    scope: ConsoleScope,
    b: ContractPayloadOf<typeof TeamsContracts.workspaceSwitch>['body'],
  ): Promise<{ subject: SessionSubject; new_tenant: ReturnType<typeof workspaceView> }> {
    const join = await this.memberships.find(b.tenant_id, scope.accountId);
    const tenant = join ? await this.accounts.findTenant(b.tenant_id) : null;
    if (!join || !tenant) throw new NotFoundError('Workspace not found.');
    await this.memberships.setCurrent(scope.accountId, tenant.id);
    const role = join.role as WorkspaceRole;
    return { subject: { accountId: scope.accountId, tenantId: tenant.id, role }, new_tenant: workspaceView(tenant, { role, current: true }) };
  }
}
