/**
 * The ONE list of places where Sluice follows real Dify rather than Dify's OpenAPI document
 * (test/fixtures/dify-openapi/openapi_service.json), each with the reason and where in Dify's source
 * (langgenius/dify, `api/`) the behaviour comes from. The conformance tests fail on any departure not
 * listed here, and on any entry here that is no longer needed. Entries for the console's and the Web API's
 * routes name their operation `console:<operationId>` / `web:<operationId>`.
 */
import type { ConformanceException } from '../support/openapi-conformance';

const DATASET_OPS = ['createDataset', 'getDatasetDetail', 'updateDataset'];
const each = (ops: string[], pointer: string, kind: string, reason: string, dify: string): ConformanceException[] => [{ ops, pointer, kind, reason, dify }];

export const CONFORMANCE_EXCEPTIONS: readonly ConformanceException[] = [
  // Times as text: Dify renders these two from the naive UTC datetime, without an offset (ISO 8601, not RFC 3339).
  ...['/created_at', '/updated_at'].flatMap((p) =>
    each(
      ['getEndUserChat'],
      p,
      'format',
      "Dify sends isoformat() of a naive UTC datetime (2025-01-16T14:30:29.123000), which has no offset; the document's date-time format wants one",
      'api/fields/end_user_fields.py EndUserDetail (created_at: datetime, dumped with model_dump(mode="json"))',
    ),
  ),
  ...['/data/*/created_at', '/data/*/updated_at'].flatMap((p) =>
    each(
      ['getChatAppFeedbacks'],
      p,
      'format',
      'Dify sends isoformat() of a naive UTC datetime, without an offset',
      'api/models/model.py MessageFeedback.to_dict ("created_at": self.created_at.isoformat())',
    ),
  ),
  {
    ops: ['previewChatFile'],
    pointer: '',
    kind: 'content-type',
    reason: "Dify answers with the file's own MIME type (image/png here), not application/octet-stream",
    dify: 'api/controllers/service_api/app/file_preview.py (Response(..., mimetype=upload_file.mime_type))',
  },
  // Knowledge bases: fields Dify itself leaves out or null.
  ...each(
    [...DATASET_OPS],
    '/maintainer',
    'missing',
    "Dify's dataset serialiser has no `maintainer` field",
    'api/fields/dataset_fields.py DatasetDetailResponse',
  ),
  ...each(
    ['listDatasets'],
    '/data/*/maintainer',
    'missing',
    "Dify's dataset serialiser has no `maintainer` field",
    'api/fields/dataset_fields.py DatasetDetailResponse',
  ),
  ...each(
    [...DATASET_OPS],
    '/partial_member_list',
    'missing',
    'sent only for `partial_members` datasets (Sluice has no partial membership yet)',
    'api/controllers/service_api/dataset/dataset.py _dump_service_dataset_with_partial_members (excluded when absent)',
  ),
  ...each(
    ['listDatasets'],
    '/data/*/partial_member_list',
    'missing',
    "not part of Dify's list items",
    'api/controllers/service_api/dataset/dataset.py DatasetListResponse',
  ),
  ...each(
    ['createDataset'],
    '/data_source_type',
    'null',
    'an empty dataset has no data source yet: Dify sends null until the first document',
    'api/fields/dataset_fields.py DatasetDetailResponse (data_source_type: str | None)',
  ),
  ...each(
    ['createDataset'],
    '/doc_form',
    'null',
    'an empty dataset has no chunk form yet: Dify sends null until the first document',
    'api/fields/dataset_fields.py DatasetDetailResponse (doc_form: str | None)',
  ),
  ...each(
    [...DATASET_OPS],
    '/retrieval_model_dict/score_threshold',
    'null',
    "Dify's default retrieval model has no score_threshold, so it serialises as null",
    'api/models/dataset.py Dataset.retrieval_model_dict (default_retrieval_model) and fields/dataset_fields.py DatasetRetrievalModelResponse (score_threshold: float | None)',
  ),
  ...each(
    ['listDatasets'],
    '/data/*/retrieval_model_dict/score_threshold',
    'null',
    'as above, per listed dataset',
    'api/models/dataset.py Dataset.retrieval_model_dict',
  ),
  ...each(
    ['listDatasets'],
    '/data/*/data_source_type',
    'null',
    'the list holds an empty dataset (null until its first document)',
    'api/fields/dataset_fields.py DatasetDetailResponse',
  ),
  ...each(
    ['listDatasets'],
    '/data/*/doc_form',
    'null',
    'the list holds an empty dataset (null until its first document)',
    'api/fields/dataset_fields.py DatasetDetailResponse',
  ),
  // Segments: Dify's nullable columns.
  ...[
    ['listSegments', '/data/*/answer'],
    ['getSegmentDetail', '/data/answer'],
    ['updateSegment', '/data/answer'],
    ['retrieveSegments', '/records/*/segment/answer'],
  ].flatMap(([op, p]) =>
    each(
      [op],
      p,
      'null',
      "a segment's answer exists only in Q&A documents; Dify sends null otherwise",
      'api/models/dataset.py DocumentSegment.answer (nullable) and api/fields/segment_fields.py',
    ),
  ),
  ...[
    ['createSegments', '/data/*/updated_by'],
    ['listSegments', '/data/*/updated_by'],
    ['getSegmentDetail', '/data/updated_by'],
  ].flatMap(([op, p]) =>
    each(
      [op],
      p,
      'null',
      'a segment nobody has edited has no updated_by: Dify sets it only on update',
      'api/models/dataset.py DocumentSegment.updated_by (nullable), services/dataset_service.py SegmentService.update_segment',
    ),
  ),
  ...each(
    ['getAvailableModels'],
    '/data/*/icon_small_dark',
    'null',
    "providers without a dark icon send null (the document's own example does)",
    'api/core/entities/provider_entities.py / services/entities/model_provider_entities.py (icon_small_dark: I18nObject | None)',
  ),
  // A new web app site: Dify's nullable site columns.
  ...['/chat_color_theme', '/icon', '/icon_background', '/copyright', '/privacy_policy'].flatMap((p) =>
    each(
      ['getChatWebAppSettings'],
      p,
      'null',
      "not set on a new app's site: Dify sends null",
      'api/models/model.py Site (nullable columns) and api/controllers/service_api/app/site.py',
    ),
  ),
  // The console's knowledge routes and the Web API (test/e2e/dify-console-web-conformance.spec.ts): `console:<operationId>` /
  // `web:<operationId>` name the Service API operation whose shape the route has.
  ...['/maintainer', '/partial_member_list'].flatMap((p) =>
    each(
      ['console:getDatasetDetail', 'console:updateDataset'],
      p,
      'missing',
      "not in Dify's dataset serialiser (`partial_member_list` only for partial-members datasets)",
      'api/fields/dataset_fields.py DatasetDetailResponse',
    ),
  ),
  ...each(
    ['console:getDatasetDetail', 'console:updateDataset'],
    '/retrieval_model_dict/score_threshold',
    'null',
    "Dify's default retrieval model has no score_threshold",
    'api/models/dataset.py Dataset.retrieval_model_dict',
  ),
  ...each(
    ['console:retrieveSegments'],
    '/records/*/segment/answer',
    'null',
    'answers exist only in Q&A documents',
    'api/models/dataset.py DocumentSegment.answer (nullable)',
  ),
  ...['/text_to_speech/voice', '/text_to_speech/language', '/text_to_speech/autoPlay'].flatMap((p) =>
    each(
      ['web:getChatAppParameters'],
      p,
      'missing',
      'an app without text to speech has just {"enabled": false}, as in Dify',
      'api/models/model.py AppModelConfig.text_to_speech_dict (default {"enabled": False})',
    ),
  ),
];

/** Operations of the document that Sluice does not serve; each answers 501 `not_implemented` in Dify's envelope. */
export const NOT_SERVED: readonly { op: string; reason: string }[] = [
  {
    op: 'getChatflowHumanInputForm',
    reason: 'needs a human-input node, which Sluice’s workflow engine does not have (Dify: controllers/service_api/app/human_input_form.py)',
  },
  {
    op: 'submitChatflowHumanInputForm',
    reason: 'needs a human-input node, which Sluice’s workflow engine does not have (Dify: controllers/service_api/app/human_input_form.py)',
  },
  {
    op: 'listDatasourcePlugins',
    reason: 'knowledge pipelines run datasource plugins in Dify’s plugin daemon (Dify: controllers/service_api/dataset/rag_pipeline/rag_pipeline_workflow.py)',
  },
  {
    op: 'runDatasourceNode',
    reason: 'knowledge pipelines run datasource plugins in Dify’s plugin daemon (Dify: controllers/service_api/dataset/rag_pipeline/rag_pipeline_workflow.py)',
  },
  {
    op: 'runPipeline',
    reason: 'knowledge pipelines run datasource plugins in Dify’s plugin daemon (Dify: controllers/service_api/dataset/rag_pipeline/rag_pipeline_workflow.py)',
  },
];
