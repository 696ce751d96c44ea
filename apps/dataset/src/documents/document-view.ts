import { DatasetDocument, DatasetMetadata, DatasetProcessRule, UploadFile } from '@sluice/database';
import { BUILT_IN_FIELDS } from '@sluice/knowledge';
import { AUTOMATIC_RULES } from '@sluice/rag';
import { unix } from '../common/unix-time';
import { apiIndexingStatus, displayStatus } from './document-status';

/** Dify renders a document's metadata as a list of the dataset's fields that have a value. */
export function docMetadataList(d: DatasetDocument, fields: DatasetMetadata[], builtIn: boolean) {
  const values = d.docMetadata ?? {};
  const out: { id: string; name: string; type: string; value: unknown }[] = [];
  for (const f of fields) if (values[f.name] !== undefined) out.push({ id: f.id, name: f.name, type: f.type, value: values[f.name] });
  if (builtIn)
    for (const f of BUILT_IN_FIELDS) if (values[f.name] !== undefined) out.push({ id: 'built-in', name: f.name, type: f.type, value: values[f.name] });
  return out;
}

export interface DocumentViewExtras {
  hitCount?: number;
  fields?: DatasetMetadata[];
  builtIn?: boolean;
  /** The document's upload (Dify's `data_source_detail_dict.upload_file`). */
  file?: UploadFile;
}

/** Dify's `data_source_detail_dict` of an uploaded file. */
export function dataSourceDetail(d: DatasetDocument, file?: UploadFile) {
  if (!file) return {};
  return {
    upload_file: {
      id: file.id,
      name: file.name,
      size: Number(file.size),
      extension: file.extension,
      mime_type: file.mimeType,
      created_by: file.createdBy,
      created_at: unix(file.createdAt),
    },
  };
}

/** Dify's `DatasetProcessRule.to_dict()`; `{}` when the document has none. */
export function processRuleView(r: DatasetProcessRule | null | undefined) {
  return r ? { id: r.id, dataset_id: r.datasetId, mode: r.mode, rules: r.rules } : {};
}

/** Dify's dataset-level rule (`DatasetService.get_process_rules`): the latest one, else the automatic default. */
export function datasetProcessRuleView(latest: DatasetProcessRule | null) {
  return latest ? { mode: latest.mode, rules: latest.rules } : { mode: 'automatic', rules: AUTOMATIC_RULES };
}

/**
 * The single-document answer (GET …/documents/{id}): Dify puts the upload's details in `data_source_info`
 * there, adds both process rules and the segment statistics.
 */
export function documentDetailView(d: DatasetDocument, x: DocumentViewExtras & { rule?: DatasetProcessRule | null; latestRule: DatasetProcessRule | null }) {
  const base = documentView(d, x);
  return {
    ...base,
    data_source_info: dataSourceDetail(d, x.file),
    dataset_process_rule: datasetProcessRuleView(x.latestRule),
    document_process_rule: processRuleView(x.rule),
    doc_type: null,
    segment_count: d.totalSegments,
    average_segment_length: d.totalSegments ? Math.floor(d.wordCount / d.totalSegments) : 0,
  };
}

/** Dify's Document fields plus the seed's pipeline timestamps (`character_count` is Dify's `word_count`). */
export function documentView(d: DatasetDocument, x: DocumentViewExtras = {}) {
  const uploadFileId = (d.dataSourceInfo?.upload_file_id as string | undefined) ?? d.fileId;
  return {
    id: d.id,
    position: d.position,
    data_source_type: d.dataSourceType,
    data_source_info: { upload_file_id: uploadFileId },
    data_source_detail_dict: dataSourceDetail(d, x.file),
    dataset_process_rule_id: d.datasetProcessRuleId,
    process_rule: d.processRule,
    name: d.name,
    created_from: d.createdFrom,
    created_by: d.createdBy,
    created_at: unix(d.createdAt),
    updated_by: d.updatedBy ?? d.createdBy,
    updated_at: unix(d.updatedAt),
    tokens: d.tokens,
    indexing_status: apiIndexingStatus(d),
    error: d.error,
    enabled: d.enabled,
    disabled_at: unix(d.disabledAt),
    disabled_by: null,
    archived: d.archived,
    archived_reason: null,
    archived_by: null,
    archived_at: unix(d.archivedAt),
    display_status: displayStatus(d),
    word_count: d.wordCount,
    character_count: d.wordCount,
    hit_count: x.hitCount ?? 0,
    doc_form: d.docForm,
    doc_language: d.docLanguage,
    doc_metadata: docMetadataList(d, x.fields ?? [], x.builtIn ?? false),
    // Sluice has no summary index (Dify's optional LLM summaries of chunks): never pending.
    summary_index_status: null,
    need_summary: false,
    batch: d.batch,
    is_paused: d.isPaused,
    paused_by: d.pausedBy,
    ...stageTimestamps(d),
    indexing_latency: d.indexingLatency,
    completed_segments: d.completedSegments,
    total_segments: d.totalSegments,
    segment_count: d.totalSegments,
  };
}

/** The pipeline's timestamps in unix seconds, as both the document and its indexing status show them. */
function stageTimestamps(d: DatasetDocument) {
  return {
    processing_started_at: unix(d.processingStartedAt),
    parsing_completed_at: unix(d.parsingCompletedAt),
    cleaning_completed_at: unix(d.cleaningCompletedAt),
    splitting_completed_at: unix(d.splittingCompletedAt),
    completed_at: unix(d.completedAt),
    paused_at: unix(d.pausedAt),
    stopped_at: unix(d.stoppedAt),
  };
}

/** One row of `…/indexing-status`. */
export function indexingStatusView(d: DatasetDocument) {
  return {
    id: d.id,
    indexing_status: apiIndexingStatus(d),
    ...stageTimestamps(d),
    error: d.error,
    completed_segments: d.completedSegments,
    total_segments: d.totalSegments,
  };
}
