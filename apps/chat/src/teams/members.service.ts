import { Injectable } from '@nestjs/common';
import {
  CannotOperateSelfError,
  ConsoleScope,
  CurrentPasswordIncorrectError,
  ForbiddenError,
  NotFoundError,
  TeamsContracts,
  isUuid,
  parseAfterLookup,
} from '@sluice/contracts';
import { AccountsRepository, MembershipsRepository, TenantAccountJoin } from '@sluice/database';
import { memberView } from './account-view';
import { AccountService } from './account.service';
import { TeamsRepository } from './teams.repository';

/** What the gateway must do after a membership changed: end sessions, forget cached roles. */
export interface MembershipChange {
  result: 'success';
  accountId: string;
  tenantId: string;
  removed: boolean;
}

/**
 * Members of the current workspace. The owner may do anything; an admin everything except touch
 * the owner or make someone owner. The gateway's guard has already checked the caller is an admin.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly repo: TeamsRepository,
    private readonly accountsRepository: AccountsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly accounts: AccountService,
  ) {}

  async list(scope: ConsoleScope, role?: string) {
    return { result: 'success', accounts: (await this.memberships.members(scope.tenantId, role)).map(memberView) };
  }

  async updateRole(scope: ConsoleScope, memberId: string, body: unknown): Promise<MembershipChange> {
    const target = await this.target(scope, memberId);
    const { role } = parseAfterLookup(TeamsContracts.roleUpdate, 'body', body);
    if (role === 'owner') {
      if (scope.role !== 'owner') throw new ForbiddenError('Only the owner can hand over the workspace.');
      await this.transfer(scope, target);
    } else {
      await this.memberships.setRole(scope.tenantId, memberId, role);
    }
    return { result: 'success', accountId: memberId, tenantId: scope.tenantId, removed: false };
  }

  /** Removes a member (or cancels a pending invitation: the never-activated account goes too). */
  async remove(scope: ConsoleScope, memberId: string): Promise<MembershipChange> {
    await this.target(scope, memberId);
    await this.repo.transaction(async (m) => {
      const left = await this.repo.removeJoin(m, scope.tenantId, memberId);
      const acc = await this.accountsRepository.findAccount(memberId);
      if (left === 0 && acc?.status === 'pending') await this.accountsRepository.deleteAccount(m, memberId);
    });
    return { result: 'success', accountId: memberId, tenantId: scope.tenantId, removed: true };
  }

  /** The owner hands the workspace to a member after confirming with their password; they become admin. */
  async ownerTransfer(scope: ConsoleScope, memberId: string, body: unknown): Promise<MembershipChange> {
    if (scope.role !== 'owner') throw new ForbiddenError('Only the owner can hand over the workspace.');
    const target = await this.target(scope, memberId);
    const b = parseAfterLookup(TeamsContracts.ownerTransfer, 'body', body);
    if (!(await this.accounts.checkPassword(scope.accountId, b.password))) throw new CurrentPasswordIncorrectError();
    await this.transfer(scope, target);
    return { result: 'success', accountId: memberId, tenantId: scope.tenantId, removed: false };
  }

  private async transfer(scope: ConsoleScope, target: TenantAccountJoin) {
    const acc = await this.accountsRepository.findAccount(target.accountId);
    if (acc?.status !== 'active') throw new ForbiddenError('The workspace can only be handed to a member who has activated their account.');
    await this.repo.transaction(async (m) => {
      // One owner per workspace (a unique index): step down first.
      await this.memberships.setRole(scope.tenantId, scope.accountId, 'admin', m);
      await this.memberships.setRole(scope.tenantId, target.accountId, 'owner', m);
    });
  }

  /** Another member of this workspace whom the caller may act on. */
  private async target(scope: ConsoleScope, memberId: string): Promise<TenantAccountJoin> {
    const join = isUuid(memberId) ? await this.memberships.find(scope.tenantId, memberId) : null;
    if (!join) throw new NotFoundError('Member not found.');
    if (memberId === scope.accountId) throw new CannotOperateSelfError();
    if (join.role === 'owner') throw new ForbiddenError("The owner's membership cannot be changed; the owner can hand the workspace over.");
    return join;
  }
}
