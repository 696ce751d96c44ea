import { Controller, Get, HttpCode, Post, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { DatasetKeyContext, DatasetKeyGuard } from '../auth/dataset-key.guard';
import { DatasetKey } from '../auth/request-context.decorators';
import { NotServedService } from '../common/not-served.service';
import { KnowledgeFilesService } from './knowledge-files.service';
import { apiCaller } from './knowledge-proxy.service';

/**
 * Service API: Dify's knowledge pipeline routes. The plain upload is served (it needs no plugin); running
 * a pipeline or its datasource plugins needs Dify's plugin daemon and answers 501 `not_implemented`.
 */
@Controller('v1/datasets')
@UseGuards(DatasetKeyGuard)
export class KnowledgePipelineApiController {
  constructor(
    private readonly files: KnowledgeFilesService,
    private readonly notServed: NotServedService,
  ) {}

  @Post('pipeline/file-upload')
  @HttpCode(201)
  @UseInterceptors(AnyFilesInterceptor())
  upload(@DatasetKey() k: DatasetKeyContext, @UploadedFiles() files: Express.Multer.File[]) {
    return this.files.pipelineUpload(apiCaller(k), files);
  }

  @Get(':dataset_id/pipeline/datasource-plugins')
  datasourcePlugins() {
    return this.notServed.knowledgePipeline();
  }

  @Post(':dataset_id/pipeline/datasource/nodes/:node_id/run')
  runDatasourceNode() {
    return this.notServed.knowledgePipeline();
  }

  @Post(':dataset_id/pipeline/run')
  runPipeline() {
    return this.notServed.knowledgePipeline();
  }
}
