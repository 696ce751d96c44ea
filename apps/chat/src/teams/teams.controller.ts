import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ConsoleScope, Patterns } from '@sluice/contracts';
import { AccountService } from './account.service';
import { InvitationsService } from './invitations.service';
import { MembersService } from './members.service';
import { PasswordResetService } from './password-reset.service';
import { WorkspacesService } from './workspaces.service';

type Req = { scope: ConsoleScope; id?: string; body?: unknown; query?: unknown; role?: string };
const T = Patterns.teams;

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

  @MessagePattern(Patterns.console.setupStatus)
  setupStatus() {
    return this.accounts.isSetup();
  }

  @MessagePattern(Patterns.console.setup)
  setup(@Payload() body: unknown) {
    return this.accounts.setup(body);
  }

  @MessagePattern(Patterns.console.login)
  login(@Payload() p: { email: string; password: string }) {
    return this.accounts.verifyLogin(p.email, p.password);
  }

  @MessagePattern(T.register)
  register(@Payload() p: { body: unknown }) {
    return this.accounts.register(p.body);
  }

  @MessagePattern(T.profile)
  profile(@Payload() p: Req) {
    return this.accounts.profile(p.scope);
  }

  @MessagePattern(T.profileUpdate)
  updateProfile(@Payload() p: Req) {
    return this.accounts.updateProfile(p.scope, p.body);
  }

  @MessagePattern(T.passwordChange)
  changePassword(@Payload() p: Req) {
    return this.accounts.changePassword(p.scope, p.body);
  }

  @MessagePattern(T.workspaces)
  workspaceList(@Payload() p: Req) {
    return this.workspaces.list(p.scope);
  }

  @MessagePattern(T.workspaceCurrent)
  workspaceCurrent(@Payload() p: Req) {
    return this.workspaces.current(p.scope);
  }

  @MessagePattern(T.workspaceCreate)
  workspaceCreate(@Payload() p: Req) {
    return this.workspaces.create(p.scope, p.body);
  }

  @MessagePattern(T.workspaceRename)
  workspaceRename(@Payload() p: Req) {
    return this.workspaces.rename(p.scope, p.body);
  }

  @MessagePattern(T.workspaceSwitch)
  workspaceSwitch(@Payload() p: Req) {
    return this.workspaces.switch(p.scope, p.body);
  }

  @MessagePattern(T.members)
  memberList(@Payload() p: Req) {
    return this.members.list(p.scope, p.role);
  }

  @MessagePattern(T.invite)
  invite(@Payload() p: Req) {
    return this.invitations.invite(p.scope, p.body);
  }

  @MessagePattern(T.roleUpdate)
  roleUpdate(@Payload() p: Req) {
    return this.members.updateRole(p.scope, p.id!, p.body);
  }

  @MessagePattern(T.memberRemove)
  memberRemove(@Payload() p: Req) {
    return this.members.remove(p.scope, p.id!);
  }

  @MessagePattern(T.ownerTransfer)
  ownerTransfer(@Payload() p: Req) {
    return this.members.ownerTransfer(p.scope, p.id!, p.body);
  }

  @MessagePattern(T.memberResetPassword)
  memberResetPassword(@Payload() p: Req) {
    return this.resets.forMember(p.scope, p.id!);
  }

  @MessagePattern(T.forgotPassword)
  forgotPassword(@Payload() p: { body: unknown }) {
    return this.resets.forgot(p.body);
  }

  @MessagePattern(T.resetCheck)
  resetCheck(@Payload() p: { body: unknown }) {
    return this.resets.check(p.body);
  }

  @MessagePattern(T.resetApply)
  resetApply(@Payload() p: { body: unknown }) {
    return this.resets.reset(p.body);
  }

  @MessagePattern(T.activateCheck)
  activateCheck(@Payload() p: { query: unknown }) {
    return this.invitations.check(p.query);
  }

  @MessagePattern(T.activate)
  activate(@Payload() p: { body: unknown }) {
    return this.invitations.activate(p.body);
  }
}
