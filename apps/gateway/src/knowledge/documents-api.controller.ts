import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { DatasetContracts } from '@sluice/contracts';
import { DatasetKeyContext, DatasetKeyGuard } from '../auth/dataset-key.guard';
import { DatasetKey } from '../auth/request-context.decorators';
import { KnowledgeDownloadsService } from './knowledge-downloads.service';
import { KnowledgeFilesService } from './knowledge-files.service';
import { KnowledgeProxy, apiCaller } from './knowledge-proxy.service';

const P = DatasetContracts.documents;

/** Service API: documents of a knowledge base. Dify serves both the hyphen and underscore spellings. */
@Controller('v1/datasets/:dataset_id')
@UseGuards(DatasetKeyGuard)
export class DocumentsApiController {
  constructor(
    private readonly knowledge: KnowledgeProxy,
    private readonly files: KnowledgeFilesService,
    private readonly downloads: KnowledgeDownloadsService,
  ) {}

  @Post(['document/create-by-text', 'document/create_by_text'])
  @HttpCode(200)
  createByText(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Body() body: unknown) {
    return this.knowledge.call(P.createByText, apiCaller(k), { datasetId, body });
  }

  @Post(['document/create-by-file', 'document/create_by_file'])
  @HttpCode(200)
  @UseInterceptors(AnyFilesInterceptor())
  createByFile(
    @DatasetKey() k: DatasetKeyContext,
    @Param('dataset_id') datasetId: string,
    @UploadedFiles() files: Express.Multer.File[],
    @Body() form: unknown,
  ) {
    return this.files.createByFile(apiCaller(k), datasetId, files, form);
  }

  @Post(['documents/:document_id/update-by-text', 'documents/:document_id/update_by_text'])
  @HttpCode(200)
  updateByText(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Param('document_id') documentId: string, @Body() body: unknown) {
    return this.knowledge.call(P.updateByText, apiCaller(k), { datasetId, documentId, body });
  }

  @Post(['documents/:document_id/update-by-file', 'documents/:document_id/update_by_file'])
  @HttpCode(200)
  @UseInterceptors(AnyFilesInterceptor())
  updateByFile(
    @DatasetKey() k: DatasetKeyContext,
    @Param('dataset_id') datasetId: string,
    @Param('document_id') documentId: string,
    @UploadedFiles() files: Express.Multer.File[],
    @Body() form: unknown,
  ) {
    return this.files.updateByFile(apiCaller(k), datasetId, documentId, files, form);
  }

  /** Dify's newer "Update Document": a new file and/or settings, as update-by-file. */
  @Patch('documents/:document_id')
  @UseInterceptors(AnyFilesInterceptor())
  update(
    @DatasetKey() k: DatasetKeyContext,
    @Param('dataset_id') datasetId: string,
    @Param('document_id') documentId: string,
    @UploadedFiles() files: Express.Multer.File[],
    @Body() form: unknown,
  ) {
    return this.files.updateByFile(apiCaller(k), datasetId, documentId, files, form);
  }

  @Get('documents/:document_id/download')
  download(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Param('document_id') documentId: string, @Req() req: Request) {
    return this.downloads.download(apiCaller(k), datasetId, documentId, req);
  }

  @Post('documents/download-zip')
  downloadZip(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Body() body: unknown, @Res() res: Response) {
    return this.downloads.zip(apiCaller(k), datasetId, body, res);
  }

  @Get('documents')
  list(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Query() query: unknown) {
    return this.knowledge.call(P.list, apiCaller(k), { datasetId, query });
  }

  @Patch('documents/status/:action')
  setStatus(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Param('action') action: string, @Body() body: unknown) {
    return this.knowledge.call(P.setStatus, apiCaller(k), { datasetId, action, body });
  }

  @Post('documents/metadata')
  @HttpCode(200)
  metadata(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Body() body: unknown) {
    return this.knowledge.call(P.updateMetadata, apiCaller(k), { datasetId, body });
  }

  @Get('documents/:batch/indexing-status')
  indexingStatus(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Param('batch') batch: string) {
    return this.knowledge.call(P.indexingStatus, apiCaller(k), { datasetId, batch });
  }

  @Get('documents/:document_id')
  get(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Param('document_id') documentId: string, @Query() query: unknown) {
    return this.knowledge.call(P.get, apiCaller(k), { datasetId, documentId, query });
  }

  @Delete('documents/:document_id')
  @HttpCode(204)
  async remove(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Param('document_id') documentId: string) {
    await this.knowledge.call(P.delete, apiCaller(k), { datasetId, documentId });
  }
}
