import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { Patterns } from '@sluice/contracts';
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
    return this.chat.call(Patterns.chat.parameters, serviceCaller(k, user));
  }

  @Get('meta')
  meta(@AppKey() k: AppKeyContext, @Query('user') user?: string) {
    return this.chat.call(Patterns.chat.meta, serviceCaller(k, user));
  }

  @Get('info')
  info(@AppKey() k: AppKeyContext) {
    return this.chat.call(Patterns.chat.info, serviceCaller(k, ''));
  }

  @Get('site')
  site(@AppKey() k: AppKeyContext) {
    return this.chat.call(Patterns.chat.site, serviceCaller(k, ''));
  }
}
