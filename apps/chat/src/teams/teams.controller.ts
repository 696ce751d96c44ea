import { Controller } from '@nestjs/common';
import { ConsoleContracts, ConsoleScope, TeamsContracts } from '@sluice/contracts';
import { AccountService } from './account.service';
import { InvitationsService } from './invitations.service';
import { MembersService } from './members.service';
import { PasswordResetService } from './password-reset.service';
import { WorkspacesService } from './workspaces.service';
import { ContractPayload, HandlesContract } from '@sluice/transport';

type Req = { scope: ConsoleScope; id?: string; body?: unknown; query?: unknown; role?: string };
const T = TeamsContracts;

/** Accounts, workspaces and members: one line each into a service. */
@Controller()
export class TeamsController {
  constructor(
    private readonly accounts: AccountService,
    private readonly workspaces: WorkspacesService,
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
    private readonly resets: PasswordResetService,
  ) {}

  @HandlesContract(ConsoleContracts.setupStatus)
  setupStatus() {
    return this.accounts.isSetup();
  }

  @HandlesContract(ConsoleContracts.setup)
  setup(@ContractPayload(ConsoleContracts.setup) body: unknown) {
    return this.accounts.setup(body);
  }

  @HandlesContract(ConsoleContracts.login)
  login(@ContractPayload(ConsoleContracts.login) p: { email: string; password: string }) {
    return this.accounts.verifyLogin(p.email, p.password);
  }

  @HandlesContract(T.register)
  register(@ContractPayload(T.register) p: { body: unknown }) {
    return this.accounts.register(p.body);
  }

  @HandlesContract(T.profile)
  profile(@ContractPayload(T.profile) p: Req) {
    return this.accounts.profile(p.scope);
  }

  @HandlesContract(T.profileUpdate)
  updateProfile(@ContractPayload(T.profileUpdate) p: Req) {
    return this.accounts.updateProfile(p.scope, p.body);
  }

  @HandlesContract(T.passwordChange)
  changePassword(@ContractPayload(T.passwordChange) p: Req) {
    return this.accounts.changePassword(p.scope, p.body);
  }

  @HandlesContract(T.workspaces)
  workspaceList(@ContractPayload(T.workspaces) p: Req) {
    return this.workspaces.list(p.scope);
  }

  @HandlesContract(T.workspaceCurrent)
  workspaceCurrent(@ContractPayload(T.workspaceCurrent) p: Req) {
    return this.workspaces.current(p.scope);
  }

  @HandlesContract(T.workspaceCreate)
  workspaceCreate(@ContractPayload(T.workspaceCreate) p: Req) {
    return this.workspaces.create(p.scope, p.body);
  }

  @HandlesContract(T.workspaceRename)
  workspaceRename(@ContractPayload(T.workspaceRename) p: Req) {
    return this.workspaces.rename(p.scope, p.body);
  }

  @HandlesContract(T.workspaceSwitch)
  workspaceSwitch(@ContractPayload(T.workspaceSwitch) p: Req) {
    return this.workspaces.switch(p.scope, p.body);
  }

  @HandlesContract(T.members)
  memberList(@ContractPayload(T.members) p: Req) {
    return this.members.list(p.scope, p.role);
  }

  @HandlesContract(T.invite)
  invite(@ContractPayload(T.invite) p: Req) {
    return this.invitations.invite(p.scope, p.body);
  }

  @HandlesContract(T.roleUpdate)
  roleUpdate(@ContractPayload(T.roleUpdate) p: Req) {
    return this.members.updateRole(p.scope, p.id!, p.body);
  }

  @HandlesContract(T.memberRemove)
  memberRemove(@ContractPayload(T.memberRemove) p: Req) {
    return this.members.remove(p.scope, p.id!);
  }

  @HandlesContract(T.ownerTransfer)
  ownerTransfer(@ContractPayload(T.ownerTransfer) p: Req) {
    return this.members.ownerTransfer(p.scope, p.id!, p.body);
  }

  @HandlesContract(T.memberResetPassword)
  memberResetPassword(@ContractPayload(T.memberResetPassword) p: Req) {
    return this.resets.forMember(p.scope, p.id!);
  }

  @HandlesContract(T.forgotPassword)
  forgotPassword(@ContractPayload(T.forgotPassword) p: { body: unknown }) {
    return this.resets.forgot(p.body);
  }

  @HandlesContract(T.resetCheck)
  resetCheck(@ContractPayload(T.resetCheck) p: { body: unknown }) {
    return this.resets.check(p.body);
  }

  @HandlesContract(T.resetApply)
  resetApply(@ContractPayload(T.resetApply) p: { body: unknown }) {
    return this.resets.reset(p.body);
  }

  @HandlesContract(T.activateCheck)
  activateCheck(@ContractPayload(T.activateCheck) p: { query: unknown }) {
    return this.invitations.check(p.query);
  }

  @HandlesContract(T.activate)
  activate(@ContractPayload(T.activate) p: { body: unknown }) {
    return this.invitations.activate(p.body);
  }
}
