import { Role, useWorkspace } from './session';

/**
 * What the console shows to each of Dify's roles. The API enforces the same rules (each route's
 * `@Access`); the console only avoids offering what would be refused.
 */
export interface Capabilities {
  role: Role | undefined;
  /** the Apps area: list, open, preview, logs */
  viewApps: boolean;
  /** create, import, configure, publish and delete apps; their API keys and web-app switches */
  editApps: boolean;
  /** create knowledge bases, upload, edit chunks and settings */
  editDatasets: boolean;
  /** workspace-wide knowledge API keys */
  datasetKeys: boolean;
  /** model provider credentials */
  providers: boolean;
  /** invite, change roles, remove members; rename the workspace */
  manageMembers: boolean;
  /** hand the workspace over */
  transferOwner: boolean;
}

const RANK: Record<Role, number> = { owner: 4, admin: 3, editor: 2, normal: 1, dataset_operator: 0 };

export function capabilities(role: Role | undefined): Capabilities {
  const at = (r: Role) => role !== undefined && role !== 'dataset_operator' && RANK[role] >= RANK[r];
  return {
    role,
    viewApps: at('normal'),
    editApps: at('editor'),
    editDatasets: at('editor') || role === 'dataset_operator',
    datasetKeys: at('editor'),
    providers: at('admin'),
    manageMembers: at('admin'),
    transferOwner: role === 'owner',
  };
}

/** The signed-in member's capabilities in the current workspace (the layout has loaded it already). */
export function useCan(): Capabilities {
  return capabilities(useWorkspace().data?.role);
}

/** Roles an admin may give (the owner changes only by a transfer). */
export const ASSIGNABLE_ROLES: Exclude<Role, 'owner'>[] = ['admin', 'editor', 'normal', 'dataset_operator'];
