import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ConsoleContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { ConsoleProxyService } from './console-proxy.service';

const P = ConsoleContracts.settings;

/** Settings → model providers (Dify's routes): the provider list, credentials, "test connection", default models. */
@Controller('console/api/workspaces/current')
@Access('admin')
export class ConsoleSettingsController {
  constructor(private readonly console: ConsoleProxyService) {}

  @Access('member')
  @Get('model-providers')
  providers(@CurrentAccount() a: AccountContext) {
    return this.console.call(P.providers, a, {});
  }

  @Get('model-providers/:provider/credentials')
  credentials(@CurrentAccount() a: AccountContext, @Param('provider') provider: string) {
    return this.console.call(P.credentialsGet, a, { provider });
  }

  @Delete('model-providers/:provider/credentials')
  @HttpCode(204)
  async removeCredentials(@CurrentAccount() a: AccountContext, @Param('provider') provider: string) {
    await this.console.call(P.credentialsDelete, a, { provider });
  }

  @Post('model-providers/:provider/credentials/validate')
  @HttpCode(200)
  validate(@CurrentAccount() a: AccountContext, @Param('provider') provider: string, @Body() body: unknown) {
    return this.console.call(P.credentialsValidate, a, { provider, body });
  }

  @Access('member')
  @Get('default-model')
  defaultModel(@CurrentAccount() a: AccountContext, @Query() query: unknown) {
    return this.console.call(P.defaultModel, a, { query });
  }
}
