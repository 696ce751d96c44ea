import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { TeamsContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { TeamsService } from './teams.service';

const T = TeamsContracts;

/** Members of the current workspace: list (anyone), invite, roles, removal, password reset (admins), transfer (owner). */
@Controller('console/api/workspaces/current')
@Access('admin')
export class MembersController {
  constructor(private readonly teams: TeamsService) {}

  @Get('members')
  @Access('member')
  list(@CurrentAccount() a: AccountContext) {
    return this.teams.call(T.members, a);
  }

  @Get('dataset-operators')
  @Access('member')
  datasetOperators(@CurrentAccount() a: AccountContext) {
    return this.teams.call(T.members, a, { role: 'dataset_operator' });
  }

  @Post('members/invite-email')
  @HttpCode(201)
  invite(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.teams.call(T.invite, a, { body: body ?? {} });
  }

  @Put('members/:member_id/update-role')
  updateRole(@CurrentAccount() a: AccountContext, @Param('member_id') id: string, @Body() body: unknown) {
    return this.teams.changeMembership(T.roleUpdate, a, id, body);
  }

  @Delete('members/:member_id')
  @HttpCode(204)
  async remove(@CurrentAccount() a: AccountContext, @Param('member_id') id: string) {
    await this.teams.changeMembership(T.memberRemove, a, id);
  }

  @Post('members/:member_id/owner-transfer')
  @HttpCode(200)
  @Access('owner')
  ownerTransfer(@CurrentAccount() a: AccountContext, @Param('member_id') id: string, @Body() body: unknown) {
    return this.teams.changeMembership(T.ownerTransfer, a, id, body);
  }

  @Post('members/:member_id/reset-password')
  @HttpCode(200)
  resetPassword(@CurrentAccount() a: AccountContext, @Param('member_id') id: string) {
    return this.teams.call(T.memberResetPassword, a, { id });
  }
}
