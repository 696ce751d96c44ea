import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ChatContracts } from '@sluice/contracts';
import { AppKeyGuard } from '../auth/app-key.guard';
import { AppKey } from '../auth/request-context.decorators';
import { AppKeyContext, serviceCaller } from '../common/caller';
import { ChatApiService } from './chat-api.service';

@Controller('v1')
@UseGuards(AppKeyGuard)
export class AppInfoController {
  constructor(private readonly chat: ChatApiService) {}

  @Get('parameters')
  parameters(@AppKey() k: AppKeyContext, @Query('user') user?: string) {
    return this.chat.call(ChatContracts.parameters, serviceCaller(k, user));
  }

  @Get('meta')
  meta(@AppKey() k: AppKeyContext, @Query('user') user?: string) {
    return this.chat.call(ChatContracts.meta, serviceCaller(k, user));
  }

  @Get('info')
  info(@AppKey() k: AppKeyContext) {
    return this.chat.call(ChatContracts.info, serviceCaller(k, ''));
  }

  /** Newer Dify: every feedback on the app's messages, newest first (page, limit). */
  @Get('app/feedbacks')
  feedbacks(@AppKey() k: AppKeyContext, @Query() query: unknown) {
    return this.chat.call(ChatContracts.appFeedbacks, serviceCaller(k, ''), { query });
  }

  /** Newer Dify: one end user of the app, by the id messages and conversations carry. */
  @Get('end-users/:id')
  endUser(@AppKey() k: AppKeyContext, @Param('id') id: string) {
    return this.chat.call(ChatContracts.endUser, serviceCaller(k, ''), { id });
  }

  @Get('site')
  site(@AppKey() k: AppKeyContext) {
    return this.chat.call(ChatContracts.site, serviceCaller(k, ''));
  }
}
