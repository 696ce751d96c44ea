import { Controller } from '@nestjs/common';
import { ConsoleContracts, ContractPayloadOf, TeamsContracts } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { AccountService } from './account.service';
import { InvitationsService } from './invitations.service';
import { MembersService } from './members.service';
import { PasswordResetService } from './password-reset.service';
import { WorkspacesService } from './workspaces.service';

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
  setup(@ContractPayload(ConsoleContracts.setup) body: ContractPayloadOf<typeof ConsoleContracts.setup>) {
    return this.accounts.setup(body);
  }

  @HandlesContract(ConsoleContracts.login)
  login(@ContractPayload(ConsoleContracts.login) p: ContractPayloadOf<typeof ConsoleContracts.login>) {
    return this.accounts.verifyLogin(p.email, p.password);
  }

  @HandlesContract(T.register)
  register(@ContractPayload(T.register) p: ContractPayloadOf<typeof T.register>) {
    return this.accounts.register(p.body);
  }

  @HandlesContract(T.profile)
  profile(@ContractPayload(T.profile) p: ContractPayloadOf<typeof T.profile>) {
    return this.accounts.profile(p.scope);
  }

  @HandlesContract(T.profileUpdate)
  updateProfile(@ContractPayload(T.profileUpdate) p: ContractPayloadOf<typeof T.profileUpdate>) {
    return this.accounts.updateProfile(p.scope, p.body);
  }

  @HandlesContract(T.passwordChange)
  changePassword(@ContractPayload(T.passwordChange) p: ContractPayloadOf<typeof T.passwordChange>) {
    return this.accounts.changePassword(p.scope, p.body);
  }

  @HandlesContract(T.workspaces)
  workspaceList(@ContractPayload(T.workspaces) p: ContractPayloadOf<typeof T.workspaces>) {
    return this.workspaces.list(p.scope);
  }

  @HandlesContract(T.workspaceCurrent)
  workspaceCurrent(@ContractPayload(T.workspaceCurrent) p: ContractPayloadOf<typeof T.workspaceCurrent>) {
    return this.workspaces.current(p.scope);
  }

  @HandlesContract(T.workspaceCreate)
  workspaceCreate(@ContractPayload(T.workspaceCreate) p: ContractPayloadOf<typeof T.workspaceCreate>) {
    return this.workspaces.create(p.scope, p.body);
  }

  @HandlesContract(T.workspaceRename)
  workspaceRename(@ContractPayload(T.workspaceRename) p: ContractPayloadOf<typeof T.workspaceRename>) {
    return this.workspaces.rename(p.scope, p.body);
  }

  @HandlesContract(T.workspaceSwitch)
  workspaceSwitch(@ContractPayload(T.workspaceSwitch) p: ContractPayloadOf<typeof T.workspaceSwitch>) {
    return this.workspaces.switch(p.scope, p.body);
  }

  @HandlesContract(T.members)
  memberList(@ContractPayload(T.members) p: ContractPayloadOf<typeof T.members>) {
    return this.members.list(p.scope, p.role);
  }

  @HandlesContract(T.invite)
  invite(@ContractPayload(T.invite) p: ContractPayloadOf<typeof T.invite>) {
    return this.invitations.invite(p.scope, p.body);
  }

  @HandlesContract(T.roleUpdate)
  roleUpdate(@ContractPayload(T.roleUpdate) p: ContractPayloadOf<typeof T.roleUpdate>) {
    return this.members.updateRole(p.scope, p.id!, p.body);
  }

  @HandlesContract(T.memberRemove)
  memberRemove(@ContractPayload(T.memberRemove) p: ContractPayloadOf<typeof T.memberRemove>) {
    return this.members.remove(p.scope, p.id!);
  }

  @HandlesContract(T.ownerTransfer)
  ownerTransfer(@ContractPayload(T.ownerTransfer) p: ContractPayloadOf<typeof T.ownerTransfer>) {
    return this.members.ownerTransfer(p.scope, p.id!, p.body);
  }

  @HandlesContract(T.memberResetPassword)
  memberResetPassword(@ContractPayload(T.memberResetPassword) p: ContractPayloadOf<typeof T.memberResetPassword>) {
    return this.resets.forMember(p.scope, p.id!);
  }

  @HandlesContract(T.forgotPassword)
  forgotPassword(@ContractPayload(T.forgotPassword) p: ContractPayloadOf<typeof T.forgotPassword>) {
    return this.resets.forgot(p.body);
  }

  @HandlesContract(T.resetCheck)
  resetCheck(@ContractPayload(T.resetCheck) p: ContractPayloadOf<typeof T.resetCheck>) {
    return this.resets.check(p.body);
  }

  @HandlesContract(T.resetApply)
  resetApply(@ContractPayload(T.resetApply) p: ContractPayloadOf<typeof T.resetApply>) {
    return this.resets.reset(p.body);
  }

  @HandlesContract(T.activateCheck)
  activateCheck(@ContractPayload(T.activateCheck) p: ContractPayloadOf<typeof T.activateCheck>) {
    return this.invitations.check(p.query);
  }

  @HandlesContract(T.activate)
  activate(@ContractPayload(T.activate) p: ContractPayloadOf<typeof T.activate>) {
    return this.invitations.activate(p.body);
  }
}
