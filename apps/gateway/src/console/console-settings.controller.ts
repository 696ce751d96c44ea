import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ConsolePatterns } from '@sluice/contracts';
import { CurrentAccount } from '../auth/request-context.decorators';
import { SessionGuard } from '../auth/session.guard';
import { AccountContext } from '../common/caller';
import { ConsoleProxyService } from './console-proxy.service';

const P = ConsolePatterns.settings;

/** Settings → model providers (Dify's routes): the provider list, credentials, "test connection", default models. */
@Controller('console/api/workspaces/current')
@UseGuards(SessionGuard)
export class ConsoleSettingsController {
  constructor(private readonly console: ConsoleProxyService) {}

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

  @Get('default-model')
  defaultModel(@CurrentAccount() a: AccountContext, @Query() query: unknown) {
    return this.console.call(P.defaultModel, a, { query });
  }
}
