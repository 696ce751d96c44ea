import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { TeamsContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { TeamsService } from './teams.service';

const T = TeamsContracts;

/** The caller's workspaces; tokens are bound to the current one, so switching issues new ones. */
@Controller('console/api/workspaces')
@Access('member')
export class WorkspacesController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  list(@CurrentAccount() a: AccountContext) {
    return this.teams.call(T.workspaces, a);
  }

  @Post()
  @HttpCode(201)
  create(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.teams.call(T.workspaceCreate, a, { body: body ?? {} });
  }

  @Get('current')
  current(@CurrentAccount() a: AccountContext) {
    return this.teams.call(T.workspaceCurrent, a);
  }

  /** Dify's console asks with POST too. */
  @Post('current')
  @HttpCode(200)
  currentPost(@CurrentAccount() a: AccountContext) {
    return this.teams.call(T.workspaceCurrent, a);
  }

  @Post('switch')
  @HttpCode(200)
  switch(@CurrentAccount() a: AccountContext, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    return this.teams.switchWorkspace(a, body, res);
  }

  @Post('info')
  @HttpCode(200)
  @Access('admin')
  rename(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.teams.call(T.workspaceRename, a, { body: body ?? {} });
  }
}
