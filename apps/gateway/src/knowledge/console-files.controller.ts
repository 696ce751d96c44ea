import { Controller, HttpCode, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { KnowledgeFilesService } from './knowledge-files.service';

/** Console upload: step one of Dify's "add documents" flow (then POST …/datasets/{id}/documents with the file ids). */
@Controller('console/api/files')
@Access('dataset_editor')
export class ConsoleFilesController {
  constructor(private readonly files: KnowledgeFilesService) {}

  @Post('upload')
  @HttpCode(201)
  @UseInterceptors(AnyFilesInterceptor())
  upload(@CurrentAccount() a: AccountContext, @UploadedFiles() files: Express.Multer.File[]) {
    return this.files.consoleUpload(a, files);
  }
}
