import { DatasetDocument, DatasetMetadata } from '@sluice/database';
import { unix } from '../common/unix-time';
import { BUILT_IN_FIELDS } from '../metadata/built-in-fields';
import { apiIndexingStatus, displayStatus } from './document-status';

/** Dify renders a document's metadata as a list of the dataset's fields that have a value. */
export function docMetadataList(d: DatasetDocument, fields: DatasetMetadata[], builtIn: boolean) {
  const values = d.docMetadata ?? {};
  const out: { id: string; name: string; type: string; value: unknown }[] = [];
  for (const f of fields) if (values[f.name] !== undefined) out.push({ id: f.id, name: f.name, type: f.type, value: values[f.name] });
  if (builtIn) for (const f of BUILT_IN_FIELDS) if (values[f.name] !== undefined) out.push({ id: 'built-in', name: f.name, type: f.type, value: values[f.name] });
  return out;
}

export interface DocumentViewExtras {
  hitCount?: number;
  fields?: DatasetMetadata[];
  builtIn?: boolean;
}

/** Dify's Document fields plus the seed's pipeline timestamps (`character_count` is Dify's `word_count`). */
export function documentView(d: DatasetDocument, x: DocumentViewExtras = {}) {
  const uploadFileId = (d.dataSourceInfo?.upload_file_id as string | undefined) ?? d.fileId;
  return {
    id: d.id,
    position: d.position,
    data_source_type: d.dataSourceType,
    data_source_info: { upload_file_id: uploadFileId },
    dataset_process_rule_id: null,
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
