import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Patterns } from '@sluice/contracts';
import { CurrentAccount } from '../auth/request-context.decorators';
import { SessionGuard } from '../auth/session.guard';
import { AccountContext } from '../common/caller';
import { ConsoleAuthService } from '../console/console-auth.service';
import { ChatApiService } from '../service-api/chat-api.service';
import { WebApiService } from './web-api.service';

/** `/api`: the seed's Web API — user tokens from `/api/login`, the app chosen by `app_id`. */
@Controller('api')
export class WebController {
  constructor(private readonly auth: ConsoleAuthService, private readonly web: WebApiService, private readonly chat: ChatApiService) {}

  @Post('login')
  @HttpCode(200)
  login(@Body() body: unknown) {
    return this.auth.login(body, null);
  }

  @Post('chat-messages')
  @UseGuards(SessionGuard)
  async chatMessages(@CurrentAccount() a: AccountContext, @Body() body: any, @Req() req: Request, @Res() res: Response) {
    return this.chat.generate('chat', await this.web.caller(a, body?.app_id), 0, { ...body, user: a.accountId }, req, res);
  }

  @Post('completion-messages')
  @UseGuards(SessionGuard)
  async completion(@CurrentAccount() a: AccountContext, @Body() body: any, @Req() req: Request, @Res() res: Response) {
    return this.chat.generate('completion', await this.web.caller(a, body?.app_id), 0, { ...body, user: a.accountId }, req, res);
  }

  @Post(['chat-messages/:taskId/stop', 'completion-messages/:taskId/stop'])
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async stop(@CurrentAccount() a: AccountContext, @Param('taskId') taskId: string, @Body() body: any, @Query('app_id') appId?: string) {
    return this.chat.stop(await this.web.caller(a, body?.app_id ?? appId), taskId);
  }

  @Get('conversations')
  @UseGuards(SessionGuard)
  async conversations(@CurrentAccount() a: AccountContext, @Query() query: any) {
    return this.chat.call(Patterns.chat.conversationsPaged, await this.web.caller(a, query?.app_id), { query });
  }

  @Post('conversations/:id/name')
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async rename(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: any, @Query('app_id') appId?: string) {
    return this.chat.call(Patterns.chat.conversationRename, await this.web.callerForConversation(a, id, body?.app_id ?? appId), { id, body, web: true });
  }

  @Delete('conversations/:id')
  @HttpCode(204)
  @UseGuards(SessionGuard)
  async remove(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Query('app_id') appId?: string, @Body() body?: any) {
    await this.chat.call(Patterns.chat.conversationDelete, await this.web.callerForConversation(a, id, appId ?? body?.app_id), { id });
  }

  @Get('messages')
  @UseGuards(SessionGuard)
  async messages(@CurrentAccount() a: AccountContext, @Query() query: any) {
    return this.chat.call(Patterns.chat.messages, await this.web.caller(a, query?.app_id), { query });
  }
}
