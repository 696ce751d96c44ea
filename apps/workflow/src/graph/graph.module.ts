import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConversationHistoryRepository, EndUserRepository, UploadFilesRepository } from '@sluice/database';
import { TemplateSandbox } from '@sluice/jinja';
import { LlmModule } from '@sluice/llm';
import { StorageModule } from '@sluice/storage';
import { SafeHttpClient } from '../http/safe-http-client';
import { Jinja2Renderer } from './code/jinja2-renderer';
import { PythonSandboxService } from './code/python-sandbox.service';
import { RemoteFileFetcher } from './files/remote-file-fetcher';
import { RunFilesService } from './files/run-files.service';
import { UploadFileReader } from './files/upload-file-reader';
import { DatasetRetriever } from './knowledge/dataset-retriever';
import { DatasetRouter } from './knowledge/dataset-router';
import { NodeRegistry } from './node-registry';
import { AnswerNode } from './nodes/answer.node';
import { CodeNode } from './nodes/code.node';
import { DocumentExtractorNode } from './nodes/document-extractor.node';
import { EndNode } from './nodes/end.node';
import { HttpRequestNode } from './nodes/http-request.node';
import { IfElseNode } from './nodes/if-else.node';
import { KnowledgeRetrievalNode } from './nodes/knowledge-retrieval.node';
import { ListOperatorNode } from './nodes/list-operator.node';
import { LlmNode } from './nodes/llm.node';
import { ParameterExtractorNode } from './nodes/parameter-extractor.node';
import { QuestionClassifierNode } from './nodes/question-classifier.node';
import { StartNode } from './nodes/start.node';
import { TemplateTransformNode } from './nodes/template-transform.node';
import { VariableAggregatorNode } from './nodes/variable-aggregator.node';
import { VariableAssignerNode } from './nodes/variable-assigner.node';
import { WorkflowEngine } from './workflow-engine';

/** One executor per node type (found at boot by the NodeRegistry), what they need, and the engine that runs a graph of them. */
const NODES = [
  StartNode,
  EndNode,
  AnswerNode,
  LlmNode,
  IfElseNode,
  TemplateTransformNode,
  CodeNode,
  VariableAggregatorNode,
  HttpRequestNode,
  QuestionClassifierNode,
  ParameterExtractorNode,
  ListOperatorNode,
  VariableAssignerNode,
  KnowledgeRetrievalNode,
  DocumentExtractorNode,
];

@Module({
  imports: [DiscoveryModule, LlmModule, StorageModule],
  providers: [
    ...NODES,
    NodeRegistry,
    WorkflowEngine,
    SafeHttpClient,
    PythonSandboxService,
    TemplateSandbox,
    Jinja2Renderer,
    DatasetRetriever,
    DatasetRouter,
    UploadFileReader,
    UploadFilesRepository,
    EndUserRepository,
    RunFilesService,
    RemoteFileFetcher,
    ConversationHistoryRepository,
  ],
  // The start node is exported for its input checks, which runs and chatflow turns apply before the graph starts;
  // end users for the services that resolve a run's caller (upload ownership needs them here too).
  exports: [WorkflowEngine, StartNode, RunFilesService, EndUserRepository],
})
export class GraphModule {}
