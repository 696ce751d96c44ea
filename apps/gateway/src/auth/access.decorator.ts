import { SetMetadata } from '@nestjs/common';
import type { AccessLevel } from '@sluice/contracts';

export const ACCESS_METADATA = 'sluice:access';

/**
 * Declares who may call a console route — on the controller class (for all its routes) or on one
 * handler (which wins). Every route under `/console/api` must have one: the ConsoleAccessGuard
 * refuses undeclared routes, and the role × route test fails on them.
 *
 *   @Access('public')          no session (setup, login, activation, password reset)
 *   @Access('member')          any role in the current workspace
 *   @Access('app_viewer')      owner, admin, editor, normal
 *   @Access('editor')          owner, admin, editor
 *   @Access('dataset_editor')  owner, admin, editor, dataset_operator
 *   @Access('admin')           owner, admin
 *   @Access('owner')           owner
 */
export const Access = (level: AccessLevel) => SetMetadata(ACCESS_METADATA, level);
