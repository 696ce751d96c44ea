import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { DatasetContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { ClientInput } from '../common/client-input';
import { KnowledgeDownloadsService } from './knowledge-downloads.service';
import { KnowledgeFilesService } from './knowledge-files.service';
import { KnowledgeProxy, consoleCaller } from './knowledge-proxy.service';

const P = DatasetContracts.documents;

/** Dify's console sends `?document_id=a&document_id=b`; the service takes `{document_ids}`. */
function idsFromQuery(q: { document_id?: string | string[] } | undefined) {
  const v = q?.document_id;
  return { document_ids: v === undefined ? [] : Array.isArray(v) ? v : [v] };
}

/** Console: documents — the seed's create_by_file, Dify's upload-then-create flow, progress, pause/resume/retry. */
@Controller('console/api/datasets/:dataset_id')
@Access('dataset_editor')
export class ConsoleDocumentsController {
  constructor(
    private readonly knowledge: KnowledgeProxy,
    private readonly files: KnowledgeFilesService,
    private readonly downloads: KnowledgeDownloadsService,
  ) {}

  @Get('documents/:document_id/download')
  download(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Param('document_id') documentId: string, @Req() req: Request) {
    return this.downloads.download(consoleCaller(a), datasetId, documentId, req);
  }

  @Post('documents/download-zip')
  downloadZip(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Body() body: unknown, @Res() res: Response) {
    return this.downloads.zip(consoleCaller(a), datasetId, body, res);
  }

  @Post(['document/create_by_file', 'document/create-by-file'])
  @HttpCode(200)
  @UseInterceptors(AnyFilesInterceptor())
  createByFile(
    @CurrentAccount() a: AccountContext,
    @Param('dataset_id') datasetId: string,
    @UploadedFiles() files: Express.Multer.File[],
    @Body() form: unknown,
  ) {
    return this.files.createByFile(consoleCaller(a), datasetId, files, form);
  }

  @Post('documents')
  @HttpCode(200)
  createFromUploads(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Body() body: unknown) {
    return this.knowledge.call(P.createFromUploads, consoleCaller(a), { datasetId, body });
  }

  @Get('documents')
  @Access('member')
  list(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Query() query: unknown) {
    return this.knowledge.call(P.list, consoleCaller(a), { datasetId, query });
  }

  @Get('batch/:batch/indexing-status')
  @Access('member')
  batchStatus(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Param('batch') batch: string) {
    return this.knowledge.call(P.indexingStatus, consoleCaller(a), { datasetId, batch });
  }

  @Post('retry')
  @HttpCode(204)
  async retry(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Body() body: unknown) {
    await this.knowledge.call(P.retry, consoleCaller(a), { datasetId, body });
  }

  @Patch('documents/status/:action/batch')
  setStatus(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Param('action') action: string, @Query() query: ClientInput) {
    return this.knowledge.call(P.setStatus, consoleCaller(a), { datasetId, action, body: idsFromQuery(query) });
  }

  @Get('documents/:document_id')
  @Access('member')
  get(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Param('document_id') documentId: string, @Query() query: unknown) {
    return this.knowledge.call(P.get, consoleCaller(a), { datasetId, documentId, query });
  }

  @Delete('documents/:document_id')
  @HttpCode(204)
  async remove(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Param('document_id') documentId: string) {
    await this.knowledge.call(P.delete, consoleCaller(a), { datasetId, documentId });
  }

  @Get('documents/:document_id/indexing-status')
  @Access('member')
  documentStatus(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Param('document_id') documentId: string) {
    return this.knowledge.call(P.indexingStatus, consoleCaller(a), { datasetId, documentId });
  }

  @Patch('documents/:document_id/processing/pause')
  @HttpCode(204)
  async pause(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Param('document_id') documentId: string) {
    await this.knowledge.call(P.pause, consoleCaller(a), { datasetId, documentId });
  }

  @Patch('documents/:document_id/processing/resume')
  @HttpCode(204)
  async resume(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Param('document_id') documentId: string) {
    await this.knowledge.call(P.resume, consoleCaller(a), { datasetId, documentId });
  }
}
