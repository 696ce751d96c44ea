import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AnnotationMatcher, AnnotationRepository } from '@sluice/knowledge';
import { AppsRepository, WorkflowVersionsRepository, ChatflowRepository, ConversationHistoryRepository, DatabaseModule, EndUserRepository, UploadFilesRepository } from '@sluice/database';
import { LlmModule } from '@sluice/llm';
import { Services } from '@sluice/contracts';
import { StorageModule } from '@sluice/storage';
import { TransportModule } from '@sluice/transport';
import { PythonSandboxService } from './graph/code/python-sandbox.service';
import { RunFilesService } from './graph/files/run-files.service';
import { UploadFileReader } from './graph/files/upload-file-reader';
import { RemoteFileFetcher } from './graph/files/remote-file-fetcher';
import { DatasetRetriever } from './graph/knowledge/dataset-retriever';
import { DatasetRouter } from './graph/knowledge/dataset-router';
import { DocumentExtractorNode } from './graph/nodes/document-extractor.node';
import { KnowledgeRetrievalNode } from './graph/nodes/knowledge-retrieval.node';
import { AnswerNode } from './graph/nodes/answer.node';
import { CodeNode } from './graph/nodes/code.node';
import { EndNode } from './graph/nodes/end.node';
import { HttpRequestNode } from './graph/nodes/http-request.node';
import { ListOperatorNode } from './graph/nodes/list-operator.node';
import { ParameterExtractorNode } from './graph/nodes/parameter-extractor.node';
import { QuestionClassifierNode } from './graph/nodes/question-classifier.node';
import { VariableAssignerNode } from './graph/nodes/variable-assigner.node';
import { SafeHttpClient } from './http/safe-http-client';
import { IfElseNode } from './graph/nodes/if-else.node';
import { LlmNode } from './graph/nodes/llm.node';
import { StartNode } from './graph/nodes/start.node';
import { TemplateTransformNode } from './graph/nodes/template-transform.node';
import { VariableAggregatorNode } from './graph/nodes/variable-aggregator.node';
import { NodeRegistry } from './graph/node-registry';
import { WorkflowEngine } from './graph/workflow-engine';
import { TemplateSandbox } from '@sluice/jinja';
import { Jinja2Renderer } from './graph/code/jinja2-renderer';
import { HealthController } from './health/health.controller';
import { ChatflowService } from './chatflow/chatflow.service';
import { ConversationVariablesService } from './chatflow/conversation-variables.service';
import { AppFormService } from './workflows/app-form.service';
import { DslService } from './workflows/dsl.service';
import { RunEventLog } from './workflows/run-event-log';
import { RunEventsService } from './workflows/run-events.service';
import { RunRegistry } from './workflows/run-registry';
import { WorkflowRepository } from './workflows/workflow.repository';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows/workflows.service';
import { RunHistoryController } from './console/run-history.controller';
import { RunHistoryRepository } from './console/run-history.repository';
import { RunHistoryService } from './console/run-history.service';

@Module({
  imports: [DiscoveryModule, DatabaseModule.forRoot({ poolSize: 10 }), LlmModule, StorageModule, TransportModule.forClients([Services.dataset])],
  controllers: [HealthController, WorkflowsController, RunHistoryController],
  providers: [
    StartNode, EndNode, AnswerNode, LlmNode, IfElseNode, TemplateTransformNode, CodeNode, VariableAggregatorNode, HttpRequestNode, SafeHttpClient,
    QuestionClassifierNode, ParameterExtractorNode, ListOperatorNode, VariableAssignerNode, PythonSandboxService,
    KnowledgeRetrievalNode, DatasetRetriever, DatasetRouter, DocumentExtractorNode, UploadFileReader, UploadFilesRepository, RunFilesService, RemoteFileFetcher, ConversationHistoryRepository,
    TemplateSandbox, Jinja2Renderer, NodeRegistry, WorkflowEngine, WorkflowRepository, RunRegistry, WorkflowsService, DslService, ChatflowRepository, ChatflowService, EndUserRepository, AppsRepository, WorkflowVersionsRepository, ConversationVariablesService,
    AnnotationRepository, AnnotationMatcher, RunEventLog, RunEventsService, RunHistoryRepository, RunHistoryService, AppFormService,
  ],
})
export class WorkflowModule {}
