import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ChatContracts } from '@sluice/contracts';
import { AppKeyGuard } from '../auth/app-key.guard';
import { AppKey } from '../auth/request-context.decorators';
import { AppKeyContext, serviceCaller } from '../common/caller';
import { ChatApiService } from './chat-api.service';

/** Dify's annotations and annotation reply, for the key's app. */
@Controller('v1/apps')
@UseGuards(AppKeyGuard)
export class AnnotationsController {
  constructor(private readonly chat: ChatApiService) {}

  @Get('annotations')
  list(@AppKey() k: AppKeyContext, @Query() query: unknown) {
    return this.chat.call(ChatContracts.annotationsList, serviceCaller(k, ''), { query });
  }

  @Post('annotations')
  @HttpCode(201)
  create(@AppKey() k: AppKeyContext, @Body() body: unknown) {
    return this.chat.call(ChatContracts.annotationCreate, serviceCaller(k, ''), { body });
  }

  @Put('annotations/:id')
  update(@AppKey() k: AppKeyContext, @Param('id') id: string, @Body() body: unknown) {
    return this.chat.call(ChatContracts.annotationUpdate, serviceCaller(k, ''), { id, body });
  }

  @Delete('annotations/:id')
  @HttpCode(204)
  async remove(@AppKey() k: AppKeyContext, @Param('id') id: string): Promise<void> {
    await this.chat.call(ChatContracts.annotationDelete, serviceCaller(k, ''), { id });
  }

  @Post('annotation-reply/:action')
  @HttpCode(200)
  reply(@AppKey() k: AppKeyContext, @Param('action') action: string, @Body() body: unknown) {
    return this.chat.call(ChatContracts.annotationReply, serviceCaller(k, ''), { action, body });
  }

  @Get('annotation-reply/:action/status/:job_id')
  status(@AppKey() k: AppKeyContext, @Param('action') action: string, @Param('job_id') jobId: string) {
    return this.chat.call(ChatContracts.annotationReplyStatus, serviceCaller(k, ''), { action, id: jobId });
  }
}
