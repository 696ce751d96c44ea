import { defineContract, reply } from '../contract';
import { consoleScoped, unscoped } from '../envelopes';
import { Services } from '../services';
import { SessionSubject } from '../roles';

/** A member's role or membership changed: the gateway evicts the account's cached membership. */
export interface MembershipChange {
  result: 'success';
  accountId: string;
  tenantId: string;
  removed: boolean;
}

/** Accounts, workspaces and members (served by the chat service, which owns accounts). */
export const TeamsContracts = {
  register: defineContract('teams.register', Services.chat, unscoped(), reply<SessionSubject>()),
  profile: defineContract('teams.profile.get', Services.chat, consoleScoped()),
  profileUpdate: defineContract('teams.profile.update', Services.chat, consoleScoped()),
  passwordChange: defineContract('teams.password.change', Services.chat, consoleScoped()),
  workspaces: defineContract('teams.workspaces.list', Services.chat, consoleScoped()),
  workspaceCurrent: defineContract('teams.workspaces.current', Services.chat, consoleScoped()),
  workspaceCreate: defineContract('teams.workspaces.create', Services.chat, consoleScoped()),
  workspaceRename: defineContract('teams.workspaces.rename', Services.chat, consoleScoped()),
  workspaceSwitch: defineContract('teams.workspaces.switch', Services.chat, consoleScoped(), reply<{ subject: SessionSubject; new_tenant: unknown }>()),
  members: defineContract('teams.members.list', Services.chat, consoleScoped()),
  invite: defineContract('teams.members.invite', Services.chat, consoleScoped()),
  roleUpdate: defineContract('teams.members.role', Services.chat, consoleScoped(), reply<MembershipChange>()),
  memberRemove: defineContract('teams.members.remove', Services.chat, consoleScoped(), reply<MembershipChange>()),
  ownerTransfer: defineContract('teams.members.owner-transfer', Services.chat, consoleScoped(), reply<MembershipChange>()),
  memberResetPassword: defineContract('teams.members.reset-password', Services.chat, consoleScoped()),
  forgotPassword: defineContract('teams.password.forgot', Services.chat, unscoped()),
  resetCheck: defineContract('teams.password.reset-check', Services.chat, unscoped(), reply<{ is_valid: boolean }>()),
  resetApply: defineContract('teams.password.reset', Services.chat, unscoped(), reply<{ accountId: string }>()),
  activateCheck: defineContract('teams.activate.check', Services.chat, unscoped(), reply<{ is_valid: boolean }>()),
  activate: defineContract('teams.activate', Services.chat, unscoped()),
};
