import { Body, Controller, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppKeyGuard } from '../auth/app-key.guard';
import { AppKey } from '../auth/request-context.decorators';
import { AppKeyContext, serviceCaller } from '../common/caller';
import { ClientInput } from '../common/client-input';
import { ChatApiService } from './chat-api.service';

@Controller('v1')
@UseGuards(AppKeyGuard)
export class ChatMessagesController {
  constructor(private readonly chat: ChatApiService) {}

  @Post('chat-messages')
  chatMessages(@AppKey() k: AppKeyContext, @Body() body: ClientInput, @Req() req: Request, @Res() res: Response) {
    return this.chat.generate('chat', serviceCaller(k, body?.user), k.maxActiveRequests, body, req, res, k.appMode);
  }

  @Post('chat-messages/:taskId/stop')
  @HttpCode(200)
  stopChat(@AppKey() k: AppKeyContext, @Param('taskId') taskId: string, @Body() body: ClientInput) {
    return this.chat.stop(serviceCaller(k, body?.user), taskId, k.appMode);
  }

  /** `/completions` is the seed's name for the same endpoint. */
  @Post(['completion-messages', 'completions'])
  completion(@AppKey() k: AppKeyContext, @Body() body: ClientInput, @Req() req: Request, @Res() res: Response) {
    return this.chat.generate('completion', serviceCaller(k, body?.user), k.maxActiveRequests, body, req, res);
  }

  @Post(['completion-messages/:taskId/stop', 'completions/:taskId/stop'])
  @HttpCode(200)
  stopCompletion(@AppKey() k: AppKeyContext, @Param('taskId') taskId: string, @Body() body: ClientInput) {
    return this.chat.stop(serviceCaller(k, body?.user), taskId);
  }
}
