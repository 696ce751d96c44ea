/**
 * The ONE list of places where Sluice follows real Dify rather than Dify's OpenAPI document
 * (test/fixtures/dify-openapi/openapi_service.json), each with the reason and where in Dify's source
 * (langgenius/dify, `api/`) the behaviour comes from. The conformance test fails on any departure not
 * listed here, and on any entry here that is no longer needed.
 */
import type { ConformanceException } from '../support/openapi-conformance';

export const CONFORMANCE_EXCEPTIONS: readonly ConformanceException[] = [];

/** Operations of the document that Sluice does not serve; each answers 501 `not_implemented` in Dify's envelope. */
export const NOT_SERVED: readonly { op: string; reason: string }[] = [
  { op: 'getChatflowHumanInputForm', reason: 'needs a human-input node, which Sluice’s workflow engine does not have (Dify: controllers/service_api/app/human_input_form.py)' },
  { op: 'submitChatflowHumanInputForm', reason: 'needs a human-input node, which Sluice’s workflow engine does not have (Dify: controllers/service_api/app/human_input_form.py)' },
  { op: 'listDatasourcePlugins', reason: 'knowledge pipelines run datasource plugins in Dify’s plugin daemon (Dify: controllers/service_api/dataset/rag_pipeline/rag_pipeline_workflow.py)' },
  { op: 'runDatasourceNode', reason: 'knowledge pipelines run datasource plugins in Dify’s plugin daemon (Dify: controllers/service_api/dataset/rag_pipeline/rag_pipeline_workflow.py)' },
  { op: 'runPipeline', reason: 'knowledge pipelines run datasource plugins in Dify’s plugin daemon (Dify: controllers/service_api/dataset/rag_pipeline/rag_pipeline_workflow.py)' },
];
