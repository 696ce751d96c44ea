import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ConsolePatterns } from '@sluice/contracts';
import { TenantScope } from '../console/apps.service';
import { LogsService } from './logs.service';

type Req = { scope: TenantScope; id: string; kind?: 'chat' | 'completion'; itemId?: string; query?: unknown; body?: unknown };
const P = ConsolePatterns.logs;

/** Console logs message handlers: one line each into the service. */
@Controller()
export class LogsController {
  constructor(private readonly logs: LogsService) {}

  @MessagePattern(P.conversations)
  conversations(@Payload() p: Req) {
    return this.logs.conversations(p.scope, p.id, p.kind ?? 'chat', p.query);
  }

  @MessagePattern(P.conversation)
  conversation(@Payload() p: Req) {
    return this.logs.conversation(p.scope, p.id, p.kind ?? 'chat', p.itemId!);
  }

  @MessagePattern(P.conversationDelete)
  conversationDelete(@Payload() p: Req) {
    return this.logs.deleteConversation(p.scope, p.id, p.itemId!);
  }

  @MessagePattern(P.messages)
  messages(@Payload() p: Req) {
    return this.logs.messages(p.scope, p.id, p.query);
  }

  @MessagePattern(P.message)
  message(@Payload() p: Req) {
    return this.logs.message(p.scope, p.id, p.itemId!);
  }

  @MessagePattern(P.feedback)
  feedback(@Payload() p: Req) {
    return this.logs.feedback(p.scope, p.id, p.body);
  }
}
