import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SignedFilesService } from './signed-files.service';

/** Dify's `/files/{id}/file-preview`: a file's bytes for whoever holds a fresh signed URL (no key). */
@Controller('files')
export class FilePreviewController {
  constructor(private readonly files: SignedFilesService) {}

  @Get(':file_id/file-preview')
  preview(@Param('file_id') fileId: string, @Query() q: Record<string, string>, @Res() res: Response) {
    return this.files.serve(fileId, q, res);
  }
}
