import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ChatContracts } from '@sluice/contracts';
import { AppKeyGuard } from '../auth/app-key.guard';
import { AppKey } from '../auth/request-context.decorators';
import { AppKeyContext, serviceCaller } from '../common/caller';
import { ClientInput } from '../common/client-input';
import { ChatApiService } from './chat-api.service';

@Controller('v1')
@UseGuards(AppKeyGuard)
export class ConversationsController {
  constructor(private readonly chat: ChatApiService) {}

  @Get('messages')
  messages(@AppKey() k: AppKeyContext, @Query() query: ClientInput) {
    return this.chat.call(ChatContracts.messages, serviceCaller(k, query?.user), { query });
  }

  @Post('messages/:id/feedbacks')
  @HttpCode(200)
  feedback(@AppKey() k: AppKeyContext, @Param('id') id: string, @Body() body: ClientInput) {
    return this.chat.call(ChatContracts.feedback, serviceCaller(k, body?.user), { id, body });
  }

  @Get('messages/:id/suggested')
  suggested(@AppKey() k: AppKeyContext, @Param('id') id: string, @Query() query: ClientInput) {
    return this.chat.call(ChatContracts.suggested, serviceCaller(k, query?.user), { id });
  }

  @Get('conversations')
  conversations(@AppKey() k: AppKeyContext, @Query() query: ClientInput) {
    return this.chat.call(ChatContracts.conversations, serviceCaller(k, query?.user), { query });
  }

  @Delete('conversations/:id')
  @HttpCode(204)
  async remove(@AppKey() k: AppKeyContext, @Param('id') id: string, @Body() body: ClientInput, @Query() query: ClientInput) {
    await this.chat.call(ChatContracts.conversationDelete, serviceCaller(k, body?.user ?? query?.user), { id });
  }

  @Post('conversations/:id/name')
  @HttpCode(200)
  rename(@AppKey() k: AppKeyContext, @Param('id') id: string, @Body() body: ClientInput) {
    return this.chat.call(ChatContracts.conversationRename, serviceCaller(k, body?.user), { id, body });
  }
}
