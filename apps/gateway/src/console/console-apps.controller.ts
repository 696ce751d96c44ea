import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ConsoleContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { ConsoleProxyService } from './console-proxy.service';

/** Apps, their model config and API keys; dataset keys; provider credentials. */
@Controller('console/api')
@Access('editor')
export class ConsoleAppsController {
  constructor(private readonly console: ConsoleProxyService) {}

  @Get('apps')
  @Access('app_viewer')
  list(@CurrentAccount() a: AccountContext, @Query() query: unknown) {
    return this.console.call(ConsoleContracts.appsList, a, { query });
  }

  @Post('apps')
  @HttpCode(201)
  create(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.console.call(ConsoleContracts.appsCreate, a, { body });
  }

  @Get('apps/:id')
  @Access('app_viewer')
  get(@CurrentAccount() a: AccountContext, @Param('id') id: string) {
    return this.console.call(ConsoleContracts.appsGet, a, { id });
  }

  @Put('apps/:id')
  update(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: unknown) {
    return this.console.call(ConsoleContracts.appsUpdate, a, { id, body });
  }

  @Delete('apps/:id')
  @HttpCode(204)
  async remove(@CurrentAccount() a: AccountContext, @Param('id') id: string) {
    await this.console.call(ConsoleContracts.appsDelete, a, { id });
    await this.console.keysChanged();
  }

  @Post('apps/:id/model-config')
  @HttpCode(200)
  modelConfig(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: unknown) {
    return this.console.call(ConsoleContracts.modelConfigUpdate, a, { id, body });
  }

  @Post('apps/:id/api-keys')
  @HttpCode(201)
  createKey(@CurrentAccount() a: AccountContext, @Param('id') id: string) {
    return this.console.call(ConsoleContracts.apiKeysCreate, a, { id, type: 'app' });
  }

  @Get('apps/:id/api-keys')
  listKeys(@CurrentAccount() a: AccountContext, @Param('id') id: string) {
    return this.console.call(ConsoleContracts.apiKeysList, a, { id, type: 'app' });
  }

  @Delete('apps/:id/api-keys/:keyId')
  @HttpCode(204)
  async deleteKey(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('keyId') keyId: string) {
    await this.console.call(ConsoleContracts.apiKeysDelete, a, { id, keyId, type: 'app' });
    await this.console.keysChanged();
  }

  @Post('datasets/api-keys')
  @HttpCode(201)
  createDatasetKey(@CurrentAccount() a: AccountContext) {
    return this.console.call(ConsoleContracts.apiKeysCreate, a, { type: 'dataset' });
  }

  @Get('datasets/api-keys')
  listDatasetKeys(@CurrentAccount() a: AccountContext) {
    return this.console.call(ConsoleContracts.apiKeysList, a, { type: 'dataset' });
  }

  @Delete('datasets/api-keys/:keyId')
  @HttpCode(204)
  async deleteDatasetKey(@CurrentAccount() a: AccountContext, @Param('keyId') keyId: string) {
    await this.console.call(ConsoleContracts.apiKeysDelete, a, { keyId, type: 'dataset' });
    await this.console.keysChanged();
  }

  @Post('workspaces/current/model-providers/:provider/credentials')
  @Access('admin')
  @HttpCode(200)
  credentials(@CurrentAccount() a: AccountContext, @Param('provider') provider: string, @Body() body: unknown) {
    return this.console.call(ConsoleContracts.providerCredentials, a, { provider, body });
  }
}
