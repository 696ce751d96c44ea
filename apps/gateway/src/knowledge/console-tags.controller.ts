import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { KnowledgeProxy, consoleCaller } from './knowledge-proxy.service';

const P = DatasetContracts.console;

/** Console tags (Dify's `/tags?type=knowledge`, `/tag-bindings/…`); knowledge tags only. */
@Controller('console/api')
@Access('dataset_editor')
export class ConsoleTagsController {
  constructor(private readonly knowledge: KnowledgeProxy) {}

  @Access('member')
  @Get('tags')
  list(@CurrentAccount() a: AccountContext, @Query() query: unknown) {
    return this.knowledge.call(P.tagsList, consoleCaller(a), { query });
  }

  @Post('tags')
  @HttpCode(200)
  create(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.knowledge.call(P.tagCreate, consoleCaller(a), { body });
  }

  @Patch('tags/:tag_id')
  update(@CurrentAccount() a: AccountContext, @Param('tag_id') tagId: string, @Body() body: unknown) {
    return this.knowledge.call(P.tagUpdate, consoleCaller(a), { tagId, body });
  }

  @Delete('tags/:tag_id')
  @HttpCode(204)
  async remove(@CurrentAccount() a: AccountContext, @Param('tag_id') tagId: string) {
    await this.knowledge.call(P.tagDelete, consoleCaller(a), { tagId });
  }

  @Post('tag-bindings/create')
  @HttpCode(200)
  bind(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.knowledge.call(P.tagBind, consoleCaller(a), { body });
  }

  @Post('tag-bindings/remove')
  @HttpCode(200)
  unbind(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.knowledge.call(P.tagUnbind, consoleCaller(a), { body });
  }
}
