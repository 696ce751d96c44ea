import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { TeamsContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { TeamsService } from './teams.service';

const T = TeamsContracts;

/** The signed-in account: profile (Dify's per-field routes too) and password. */
@Controller('console/api/account')
@Access('member')
export class AccountController {
  constructor(private readonly teams: TeamsService) {}

  @Get('profile')
  profile(@CurrentAccount() a: AccountContext) {
    return this.teams.call(T.profile, a);
  }

  @Post('profile')
  @HttpCode(200)
  updateProfile(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.teams.call(T.profileUpdate, a, { body: body ?? {} });
  }

  @Post(['name', 'interface-language', 'timezone', 'avatar'])
  @HttpCode(200)
  updateField(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.teams.call(T.profileUpdate, a, { body: body ?? {} });
  }

  @Post('password')
  @HttpCode(200)
  password(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.teams.changePassword(a, body);
  }
}
