import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ConsoleContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { ConsoleProxyService } from './console-proxy.service';

const P = ConsoleContracts.logs;

/** Console logs of chat, chatflow and completion apps (Dify's shapes): conversations, messages, feedback. */
@Controller('console/api/apps/:id')
@Access('app_viewer')
export class ConsoleLogsController {
  constructor(private readonly console: ConsoleProxyService) {}

  @Get('chat-conversations')
  chatConversations(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Query() query: unknown) {
    return this.console.call(P.conversations, a, { id, kind: 'chat', query });
  }

  @Get('chat-conversations/:conversation_id')
  chatConversation(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('conversation_id') itemId: string) {
    return this.console.call(P.conversation, a, { id, kind: 'chat', itemId });
  }

  @Access('editor')
  @Delete('chat-conversations/:conversation_id')
  @HttpCode(204)
  async deleteConversation(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('conversation_id') itemId: string) {
    await this.console.call(P.conversationDelete, a, { id, itemId });
  }

  @Get('completion-conversations')
  completionConversations(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Query() query: unknown) {
    return this.console.call(P.conversations, a, { id, kind: 'completion', query });
  }

  @Get('completion-conversations/:conversation_id')
  completionConversation(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('conversation_id') itemId: string) {
    return this.console.call(P.conversation, a, { id, kind: 'completion', itemId });
  }

  @Get('chat-messages')
  messages(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Query() query: unknown) {
    return this.console.call(P.messages, a, { id, query });
  }

  @Get('messages/:message_id')
  message(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('message_id') itemId: string) {
    return this.console.call(P.message, a, { id, itemId });
  }

  @Post('feedbacks')
  @HttpCode(200)
  feedback(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: unknown) {
    return this.console.call(P.feedback, a, { id, body });
  }
}
