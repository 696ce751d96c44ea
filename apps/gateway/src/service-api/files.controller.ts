import { Body, Controller, Get, Param, Post, Query, Req, Res, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { AppKeyGuard } from '../auth/app-key.guard';
import { AppKey } from '../auth/request-context.decorators';
import { AppKeyContext, serviceCaller } from '../common/caller';
import { ClientInput } from '../common/client-input';
import { UploadService } from './upload.service';

@Controller('v1')
@UseGuards(AppKeyGuard)
export class FilesController {
  constructor(private readonly uploads: UploadService) {}

  @Post('files/upload')
  @UseInterceptors(AnyFilesInterceptor())
  upload(@AppKey() k: AppKeyContext, @UploadedFiles() files: Express.Multer.File[], @Body() body: ClientInput, @Req() req: Request) {
    return this.uploads.upload(serviceCaller(k, body?.user), files, body?.user, req);
  }

  @Get('files/:id/preview')
  preview(@AppKey() k: AppKeyContext, @Param('id') id: string, @Query('as_attachment') asAttachment: string | undefined, @Res() res: Response) {
    return this.uploads.preview(serviceCaller(k, ''), id, asAttachment === 'true', res);
  }
}
