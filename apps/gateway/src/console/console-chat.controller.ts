import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ChatContracts, roleMay } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { ChatApiService } from '../service-api/chat-api.service';
import { ConsoleAppAccess } from './console-app-access.service';

type PreviewBody = Record<string, unknown> & { model_config?: unknown; response_mode?: unknown };

/**
 * The console's preview chat (Dify's debugger): the signed-in account is the end user, answers
 * stream unless `response_mode: blocking`, an unsaved `model_config` may be tried out (by editors), and
 * chatflow apps run their draft. History and feedback go through the logs routes.
 */
@Controller('console/api/apps/:id')
@Access('app_viewer')
export class ConsoleChatController {
  constructor(
    private readonly access: ConsoleAppAccess,
    private readonly chat: ChatApiService,
  ) {}

  @Post('chat-messages')
  chatMessages(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: PreviewBody, @Req() req: Request, @Res() res: Response) {
    return this.preview('chat', a, id, body, req, res);
  }

  @Post('advanced-chat/workflows/draft/run')
  chatflowDraft(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: PreviewBody, @Req() req: Request, @Res() res: Response) {
    return this.preview('chat', a, id, { ...body, response_mode: 'streaming' }, req, res);
  }

  @Post('completion-messages')
  completion(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: PreviewBody, @Req() req: Request, @Res() res: Response) {
    return this.preview('completion', a, id, body, req, res);
  }

  @Post(['chat-messages/:taskId/stop', 'completion-messages/:taskId/stop', 'advanced-chat/workflows/tasks/:taskId/stop'])
  @HttpCode(200)
  async stop(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('taskId') taskId: string) {
    const { caller, mode } = await this.access.caller(a, id);
    return this.chat.stop(caller, taskId, mode);
  }

  @Get('chat-messages/:message_id/suggested-questions')
  async suggested(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('message_id') messageId: string) {
    const { caller } = await this.access.caller(a, id);
    return this.chat.call(ChatContracts.suggested, caller, { id: messageId });
  }

  private async preview(kind: 'chat' | 'completion', a: AccountContext, id: string, body: PreviewBody, req: Request, res: Response) {
    const { caller, mode } = await this.access.caller(a, id);
    const b = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
    const streaming = b.response_mode === 'blocking' ? 'blocking' : 'streaming';
    // Only who may edit the app may try an unsaved configuration; other members preview the saved one.
    const modelConfig = roleMay('editor', a.role) && b.model_config && typeof b.model_config === 'object' ? b.model_config : undefined;
    const payload = { ...b, response_mode: streaming, user: a.accountId, auto_generate_name: false };
    return this.chat.generate(kind, caller, 0, payload, req, res, mode, { modelConfig });
  }
}
