import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UploadedFiles,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { ChatContracts } from '@sluice/contracts';
import { WebUser } from '../auth/request-context.decorators';
import { WebUserGuard } from '../auth/web-user.guard';
import { WebUserContext } from '../common/caller';
import { ClientInput } from '../common/client-input';
import { ConsoleAuthService } from '../console/console-auth.service';
import { AUDIO_LIMIT, AudioService } from '../service-api/audio.service';
import { ChatApiService } from '../service-api/chat-api.service';
import { UploadService } from '../service-api/upload.service';
import { WebApiService } from './web-api.service';

/**
 * `/api`, the Web API, for two kinds of caller: the seed's — a user token from `/api/login`, the app
 * chosen by `app_id` — and Dify's web app — a passport from `/api/passport` plus `X-App-Code`, the
 * app implied, no `user` field.
 */
@Controller('api')
export class WebController {
  constructor(
    private readonly auth: ConsoleAuthService,
    private readonly web: WebApiService,
    private readonly chat: ChatApiService,
    private readonly uploads: UploadService,
    private readonly audio: AudioService,
  ) {}

  @Post('login')
  @HttpCode(200)
  login(@Body() body: unknown) {
    return this.auth.login(body, null);
  }

  @Get('passport')
  passport(@Headers('x-app-code') code?: string) {
    return this.web.passport(code);
  }

  @Post('chat-messages')
  @UseGuards(WebUserGuard)
  async chatMessages(@WebUser() u: WebUserContext, @Body() body: ClientInput, @Req() req: Request, @Res() res: Response) {
    return this.chat.generate('chat', await this.web.caller(u, body?.app_id), 0, { ...body, user: this.web.userOf(u) }, req, res);
  }

  @Post('completion-messages')
  @UseGuards(WebUserGuard)
  async completion(@WebUser() u: WebUserContext, @Body() body: ClientInput, @Req() req: Request, @Res() res: Response) {
    return this.chat.generate('completion', await this.web.caller(u, body?.app_id), 0, { ...body, user: this.web.userOf(u) }, req, res);
  }

  @Post(['chat-messages/:taskId/stop', 'completion-messages/:taskId/stop'])
  @HttpCode(200)
  @UseGuards(WebUserGuard)
  async stop(@WebUser() u: WebUserContext, @Param('taskId') taskId: string, @Body() body: ClientInput, @Query('app_id') appId?: string) {
    return this.chat.stop(await this.web.caller(u, body?.app_id ?? appId), taskId);
  }

  /** Page-based for the seed's callers; Dify's web app pages by `last_id`, as `/v1/conversations` does. */
  @Get('conversations')
  @UseGuards(WebUserGuard)
  async conversations(@WebUser() u: WebUserContext, @Query() query: ClientInput) {
    const pattern = u.passport ? ChatContracts.conversations : ChatContracts.conversationsPaged;
    return this.chat.call(pattern, await this.web.caller(u, query?.app_id), { query });
  }

  @Post('conversations/:id/name')
  @HttpCode(200)
  @UseGuards(WebUserGuard)
  async rename(@WebUser() u: WebUserContext, @Param('id') id: string, @Body() body: ClientInput, @Query('app_id') appId?: string) {
    return this.chat.call(ChatContracts.webConversationRename, await this.web.callerForConversation(u, id, body?.app_id ?? appId), { id, body });
  }

  @Patch('conversations/:id/pin')
  @UseGuards(WebUserGuard)
  async pin(@WebUser() u: WebUserContext, @Param('id') id: string, @Query('app_id') appId?: string, @Body() body?: ClientInput) {
    return this.setPinned(u, id, true, appId ?? body?.app_id);
  }

  @Patch('conversations/:id/unpin')
  @UseGuards(WebUserGuard)
  async unpin(@WebUser() u: WebUserContext, @Param('id') id: string, @Query('app_id') appId?: string, @Body() body?: ClientInput) {
    return this.setPinned(u, id, false, appId ?? body?.app_id);
  }

  @Delete('conversations/:id')
  @HttpCode(204)
  @UseGuards(WebUserGuard)
  async remove(@WebUser() u: WebUserContext, @Param('id') id: string, @Query('app_id') appId?: string, @Body() body?: ClientInput) {
    await this.chat.call(ChatContracts.conversationDelete, await this.web.callerForConversation(u, id, appId ?? body?.app_id), { id });
  }

  @Get('messages')
  @UseGuards(WebUserGuard)
  async messages(@WebUser() u: WebUserContext, @Query() query: ClientInput) {
    return this.chat.call(ChatContracts.messages, await this.web.caller(u, query?.app_id), { query });
  }

  @Post('messages/:id/feedbacks')
  @HttpCode(200)
  @UseGuards(WebUserGuard)
  async feedback(@WebUser() u: WebUserContext, @Param('id') id: string, @Body() body: ClientInput) {
    return this.chat.call(ChatContracts.feedback, await this.web.caller(u, body?.app_id), { id, body });
  }

  @Get('messages/:id/suggested-questions')
  @UseGuards(WebUserGuard)
  async suggested(@WebUser() u: WebUserContext, @Param('id') id: string, @Query('app_id') appId?: string) {
    return this.chat.call(ChatContracts.suggested, await this.web.caller(u, appId), { id });
  }

  /** Files for the next message, as `/v1/files/upload` (multipart `file`); `app_id` as a form field for accounts. */
  @Post('files/upload')
  @UseGuards(WebUserGuard)
  @UseInterceptors(AnyFilesInterceptor())
  async upload(@WebUser() u: WebUserContext, @UploadedFiles() files: Express.Multer.File[], @Body() body: ClientInput, @Req() req: Request) {
    return this.uploads.upload(await this.web.caller(u, body?.app_id), files, this.web.userOf(u), req);
  }

  @Post('audio-to-text')
  @HttpCode(200)
  @UseGuards(WebUserGuard)
  @UseInterceptors(AnyFilesInterceptor({ limits: { fileSize: AUDIO_LIMIT + 1, files: 2 } }))
  async audioToText(@WebUser() u: WebUserContext, @UploadedFiles() files: Express.Multer.File[], @Body() body: ClientInput) {
    return this.audio.toText(await this.web.caller(u, body?.app_id), files);
  }

  @Post('text-to-audio')
  @UseGuards(WebUserGuard)
  async textToAudio(@WebUser() u: WebUserContext, @Body() body: ClientInput, @Res() res: Response) {
    return this.audio.toSpeech(await this.web.caller(u, body?.app_id), body, res);
  }

  @Get('parameters')
  @UseGuards(WebUserGuard)
  async parameters(@WebUser() u: WebUserContext, @Query('app_id') appId?: string) {
    return this.chat.call(ChatContracts.parameters, await this.web.caller(u, appId));
  }

  @Get('meta')
  @UseGuards(WebUserGuard)
  async meta(@WebUser() u: WebUserContext, @Query('app_id') appId?: string) {
    return this.chat.call(ChatContracts.meta, await this.web.caller(u, appId));
  }

  @Get('site')
  @UseGuards(WebUserGuard)
  async site(@WebUser() u: WebUserContext, @Query('app_id') appId?: string) {
    return this.chat.call(ChatContracts.site, await this.web.caller(u, appId));
  }

  private async setPinned(u: WebUserContext, id: string, pinned: boolean, appId: unknown) {
    return this.chat.call(ChatContracts.conversationPin, await this.web.callerForConversation(u, id, appId), { id, body: { pinned } });
  }
}
