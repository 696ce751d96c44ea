import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ConsoleContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { ConsoleProxyService } from './console-proxy.service';

const P = ConsoleContracts.apps;

/** Console: an app's web app and API switches, its web app settings, and copies (Dify's shapes). */
@Controller('console/api/apps/:id')
@Access('editor')
export class ConsoleAppSiteController {
  constructor(private readonly console: ConsoleProxyService) {}

  @Post('site-enable')
  @HttpCode(200)
  siteEnable(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: unknown) {
    return this.console.call(P.siteEnable, a, { id, body });
  }

  @Post('api-enable')
  @HttpCode(200)
  async apiEnable(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: unknown) {
    const app = await this.console.call(P.apiEnable, a, { id, body });
    // Cached key lookups carry enable_api: every replica must see the switch now.
    await this.console.keysChanged();
    return app;
  }

  @Post('site')
  @HttpCode(200)
  site(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: unknown) {
    return this.console.call(P.siteUpdate, a, { id, body });
  }

  @Access('admin')
  @Post('site/access-token-reset')
  @HttpCode(200)
  resetCode(@CurrentAccount() a: AccountContext, @Param('id') id: string) {
    return this.console.call(P.siteResetCode, a, { id });
  }

  @Post('copy')
  @HttpCode(201)
  copy(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: unknown) {
    return this.console.call(P.copy, a, { id, body });
  }
}
