import { Body, Controller, Post, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { AppKeyGuard } from '../auth/app-key.guard';
import { AppKey } from '../auth/request-context.decorators';
import { AppKeyContext, serviceCaller } from '../common/caller';
import { UploadService } from './upload.service';

@Controller('v1')
@UseGuards(AppKeyGuard)
export class FilesController {
  constructor(private readonly uploads: UploadService) {}

  @Post('files/upload')
  @UseInterceptors(AnyFilesInterceptor())
  upload(@AppKey() k: AppKeyContext, @UploadedFiles() files: Express.Multer.File[], @Body() body: any) {
    return this.uploads.upload(serviceCaller(k, body?.user), files, body?.user);
  }
}
