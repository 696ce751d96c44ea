import { z } from 'zod';
import { afterLookup, defineContract, reply } from '../contract';
import {
  activateSchema,
  forgotPasswordSchema,
  inviteSchema,
  ownerTransferSchema,
  passwordChangeSchema,
  passwordResetSchema,
  profileUpdateSchema,
  registerSchema,
  roleUpdateSchema,
  tokenCheckSchema,
  workspaceNameSchema,
  workspaceSwitchSchema,
} from '../dto/teams.dto';
import { consoleScoped, unscoped } from '../envelopes';
import { SessionSubject } from '../roles';
import { Services } from '../services';

/** A member's role or membership changed: the gateway evicts the account's cached membership. */
export interface MembershipChange {
  result: 'success';
  accountId: string;
  tenantId: string;
  removed: boolean;
}

/**
 * Accounts, workspaces and members (served by the chat service, which owns accounts). Bodies marked
 * `afterLookup` come after a check Dify makes first (registration allowed, the member exists, only
 * the owner hands over), whose error wins over a bad body.
 */
export const TeamsContracts = {
  register: defineContract('teams.register', Services.chat, unscoped({ body: afterLookup(registerSchema) }), reply<SessionSubject>()),
  profile: defineContract('teams.profile.get', Services.chat, consoleScoped()),
  profileUpdate: defineContract('teams.profile.update', Services.chat, consoleScoped({ body: profileUpdateSchema })),
  passwordChange: defineContract('teams.password.change', Services.chat, consoleScoped({ body: passwordChangeSchema })),
  workspaces: defineContract('teams.workspaces.list', Services.chat, consoleScoped()),
  workspaceCurrent: defineContract('teams.workspaces.current', Services.chat, consoleScoped()),
  workspaceCreate: defineContract('teams.workspaces.create', Services.chat, consoleScoped({ body: afterLookup(workspaceNameSchema) })),
  workspaceRename: defineContract('teams.workspaces.rename', Services.chat, consoleScoped({ body: workspaceNameSchema })),
  workspaceSwitch: defineContract(
    'teams.workspaces.switch',
    Services.chat,
    consoleScoped({ body: workspaceSwitchSchema }),
    reply<{ subject: SessionSubject; new_tenant: unknown }>(),
  ),
  /** `role`: only the members holding it (Dify's dataset-operators page). */
  members: defineContract('teams.members.list', Services.chat, consoleScoped().extend({ role: z.string().optional() })),
  invite: defineContract('teams.members.invite', Services.chat, consoleScoped({ body: inviteSchema })),
  roleUpdate: defineContract('teams.members.role', Services.chat, consoleScoped({ body: afterLookup(roleUpdateSchema) }), reply<MembershipChange>()),
  memberRemove: defineContract('teams.members.remove', Services.chat, consoleScoped(), reply<MembershipChange>()),
  ownerTransfer: defineContract(
    'teams.members.owner-transfer',
    Services.chat,
    consoleScoped({ body: afterLookup(ownerTransferSchema) }),
    reply<MembershipChange>(),
  ),
  memberResetPassword: defineContract('teams.members.reset-password', Services.chat, consoleScoped()),
  forgotPassword: defineContract('teams.password.forgot', Services.chat, unscoped({ body: forgotPasswordSchema })),
  resetCheck: defineContract('teams.password.reset-check', Services.chat, unscoped({ body: tokenCheckSchema }), reply<{ is_valid: boolean }>()),
  resetApply: defineContract('teams.password.reset', Services.chat, unscoped({ body: passwordResetSchema }), reply<{ accountId: string }>()),
  activateCheck: defineContract('teams.activate.check', Services.chat, unscoped({ query: tokenCheckSchema }), reply<{ is_valid: boolean }>()),
  activate: defineContract('teams.activate', Services.chat, unscoped({ body: activateSchema })),
};
