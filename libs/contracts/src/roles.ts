/** Dify's five workspace roles. */
export const WORKSPACE_ROLES = ['owner', 'admin', 'editor', 'normal', 'dataset_operator'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/**
 * What a console route may require. `public` needs no session; the others need a session in the
 * current workspace and one of the roles below (Dify's role predicates: is_editor, is_dataset_editor,
 * is_admin_or_owner).
 */
export const ACCESS_LEVELS = {
  public: [] as readonly WorkspaceRole[],
  /** any member: reading the workspace, their own profile, datasets shared with them */
  member: WORKSPACE_ROLES,
  /** seeing apps: everyone but the knowledge-only dataset_operator */
  app_viewer: ['owner', 'admin', 'editor', 'normal'] as readonly WorkspaceRole[],
  /** building apps and workflows, their API keys */
  editor: ['owner', 'admin', 'editor'] as readonly WorkspaceRole[],
  /** creating and changing knowledge bases, documents, segments, metadata, tags */
  dataset_editor: ['owner', 'admin', 'editor', 'dataset_operator'] as readonly WorkspaceRole[],
  /** members, roles, provider credentials, the workspace itself */
  admin: ['owner', 'admin'] as readonly WorkspaceRole[],
  /** handing the workspace to someone else */
  owner: ['owner'] as readonly WorkspaceRole[],
} as const;
export type AccessLevel = keyof typeof ACCESS_LEVELS;

export function isWorkspaceRole(v: unknown): v is WorkspaceRole {
  return typeof v === 'string' && (WORKSPACE_ROLES as readonly string[]).includes(v);
}

export function roleMay(level: AccessLevel, role: WorkspaceRole): boolean {
  return ACCESS_LEVELS[level].includes(role);
}

/** Who acts on a console request: the account, its current workspace and its role there (set by the gateway). */
export interface ConsoleScope {
  tenantId: string;
  accountId: string;
  role: WorkspaceRole;
}

/** What a successful login, registration or workspace switch hands the gateway to issue tokens for. */
export interface SessionSubject {
  accountId: string;
  tenantId: string;
  role: WorkspaceRole;
}
