import { z } from 'zod';
import { afterLookup, defineContract, reply } from '../contract';
import { consoleSegmentSchema, indexingEstimateSchema, segmentIdsSchema } from '../dto/console-knowledge.dto';
import { FileLocation } from '../dto/stored-upload';
import { Services } from '../services';
import { datasetCreateSchema, datasetListSchema, datasetUpdateSchema } from './datasets.schemas';
import {
  createByFileSchema,
  createByTextSchema,
  createFromUploadsSchema,
  documentGetSchema,
  documentIdsSchema,
  documentListSchema,
  documentZipSchema,
  updateByTextSchema,
} from './documents.schemas';
import { knowledge } from './knowledge-request';
import { RetrieverResource } from './knowledge.types';
import { documentMetadataSchema, metadataCreateSchema, metadataUpdateSchema } from './metadata.schemas';
import { hitTestingBodySchema } from './retrieval.schemas';
import { childChunkListSchema, childChunkSchema, segmentListSchema, segmentUpdateSchema, segmentsCreateSchema } from './segments.schemas';
import { knowledgeTagBody, tagBindSchema, tagCreateSchema, tagDeleteSchema, tagUnbindSchema, tagUpdateSchema } from './tags.schemas';

/** `retrieve` request (chat apps, knowledge-retrieval nodes): Dify's retrieval_model fields, applied across `datasetIds`. */
export const retrieveRequestSchema = z.object({
  tenantId: z.string().uuid(),
  datasetIds: z.array(z.string()).max(50),
  query: z.string(),
  /** Dify's retrieval_model, read by the dataset service's retrieval settings (defaults for what is missing). */
  retrievalModel: z.unknown().optional(),
  /** Dify `metadata_filtering_conditions`: {logical_operator, conditions:[{name, comparison_operator, value}]}. */
  metadataFilteringConditions: z.unknown().optional(),
  /** Dify `metadata_filtering_mode`; `automatic` has `metadataModelConfig` write the conditions from the query. */
  metadataFilteringMode: z.enum(['disabled', 'automatic', 'manual']).optional(),
  /** Dify `metadata_model_config`: {provider, name, completion_params}. */
  metadataModelConfig: z
    .object({ provider: z.string().optional(), name: z.string().optional(), completion_params: z.record(z.unknown()).optional() })
    .passthrough()
    .nullish(),
});
export type RetrieveRequest = z.output<typeof retrieveRequestSchema>;

/**
 * Messages of the dataset service (knowledge bases). Every payload carries `tenantId`;
 * the gateway fills it from the dataset key or the console session, never from the client.
 * Client bodies and queries are validated on receipt, except those marked `afterLookup`: Dify
 * answers 404 for a missing dataset, document or segment before it reads them.
 */
export const DatasetContracts = {
  datasets: {
    create: defineContract('dataset.datasets.create', Services.dataset, knowledge({ body: datasetCreateSchema })),
    list: defineContract('dataset.datasets.list', Services.dataset, knowledge({ query: datasetListSchema })),
    get: defineContract('dataset.datasets.get', Services.dataset, knowledge()),
    update: defineContract('dataset.datasets.update', Services.dataset, knowledge({ body: afterLookup(datasetUpdateSchema) })),
    delete: defineContract('dataset.datasets.delete', Services.dataset, knowledge()),
    /** Console: turns the Service API on or off for one dataset (Dify's `api-keys/{enable|disable}`). */
    enableApi: defineContract('dataset.datasets.enable-api', Services.dataset, knowledge()),
    /** Console: the members a partial_members dataset is shared with. */
    partialMembers: defineContract('dataset.datasets.partial-members', Services.dataset, knowledge()),
  },
  documents: {
    createByText: defineContract('dataset.documents.create-by-text', Services.dataset, knowledge({ body: afterLookup(createByTextSchema) })),
    createByFile: defineContract('dataset.documents.create-by-file', Services.dataset, knowledge({ body: afterLookup(createByFileSchema) })),
    /** Dify console flow: documents from already uploaded files. */
    createFromUploads: defineContract('dataset.documents.create-from-uploads', Services.dataset, knowledge({ body: afterLookup(createFromUploadsSchema) })),
    updateByText: defineContract('dataset.documents.update-by-text', Services.dataset, knowledge({ body: afterLookup(updateByTextSchema) })),
    updateByFile: defineContract('dataset.documents.update-by-file', Services.dataset, knowledge({ body: afterLookup(createByFileSchema) })),
    list: defineContract('dataset.documents.list', Services.dataset, knowledge({ query: afterLookup(documentListSchema) })),
    get: defineContract('dataset.documents.get', Services.dataset, knowledge({ query: afterLookup(documentGetSchema) })),
    delete: defineContract('dataset.documents.delete', Services.dataset, knowledge()),
    indexingStatus: defineContract('dataset.documents.indexing-status', Services.dataset, knowledge()),
    setStatus: defineContract('dataset.documents.status', Services.dataset, knowledge({ body: afterLookup(documentIdsSchema) })),
    pause: defineContract('dataset.documents.pause', Services.dataset, knowledge()),
    resume: defineContract('dataset.documents.resume', Services.dataset, knowledge()),
    retry: defineContract('dataset.documents.retry', Services.dataset, knowledge({ body: afterLookup(documentIdsSchema) })),
    updateMetadata: defineContract('dataset.documents.metadata', Services.dataset, knowledge({ body: afterLookup(documentMetadataSchema) })),
    /** The upload behind a document (`…/documents/{id}/download`): the gateway answers a signed URL to it. */
    download: defineContract('dataset.documents.download', Services.dataset, knowledge(), reply<FileLocation & { id: string }>()),
    /** The uploads behind several documents (`…/documents/download-zip`): the gateway streams them as one ZIP. */
    downloadZip: defineContract(
      'dataset.documents.download-zip',
      Services.dataset,
      knowledge({ body: afterLookup(documentZipSchema) }),
      reply<FileLocation[]>(),
    ),
    /** Dify's `GET /datasets/process-rule`: a document's dataset rule, or the default. */
    processRule: defineContract('dataset.documents.process-rule', Services.dataset, knowledge()),
  },
  /** Files for knowledge use that belong to no document yet. */
  files: {
    /** `POST /v1/datasets/pipeline/file-upload`: records a file the gateway stored. */
    upload: defineContract('dataset.files.upload', Services.dataset, knowledge()),
    /** Where a file's bytes are, for a signed `/files/{id}/file-preview` URL (the signature is the authority). */
    locate: defineContract('dataset.files.locate', Services.dataset, z.object({ fileId: z.string() }), reply<FileLocation>()),
  },
  segments: {
    list: defineContract('dataset.segments.list', Services.dataset, knowledge({ query: afterLookup(segmentListSchema) })),
    create: defineContract('dataset.segments.create', Services.dataset, knowledge({ body: afterLookup(segmentsCreateSchema) })),
    get: defineContract('dataset.segments.get', Services.dataset, knowledge()),
    update: defineContract('dataset.segments.update', Services.dataset, knowledge({ body: afterLookup(segmentUpdateSchema) })),
    delete: defineContract('dataset.segments.delete', Services.dataset, knowledge()),
    childList: defineContract('dataset.child-chunks.list', Services.dataset, knowledge({ query: afterLookup(childChunkListSchema) })),
    childCreate: defineContract('dataset.child-chunks.create', Services.dataset, knowledge({ body: afterLookup(childChunkSchema) })),
    childUpdate: defineContract('dataset.child-chunks.update', Services.dataset, knowledge({ body: afterLookup(childChunkSchema) })),
    childDelete: defineContract('dataset.child-chunks.delete', Services.dataset, knowledge()),
  },
  metadata: {
    create: defineContract('dataset.metadata.create', Services.dataset, knowledge({ body: afterLookup(metadataCreateSchema) })),
    list: defineContract('dataset.metadata.list', Services.dataset, knowledge()),
    update: defineContract('dataset.metadata.update', Services.dataset, knowledge({ body: afterLookup(metadataUpdateSchema) })),
    delete: defineContract('dataset.metadata.delete', Services.dataset, knowledge()),
    builtIn: defineContract('dataset.metadata.built-in', Services.dataset, knowledge()),
    builtInToggle: defineContract('dataset.metadata.built-in.toggle', Services.dataset, knowledge()),
  },
  /** Knowledge tags (Dify's `/datasets/tags`) and their bindings to datasets. */
  tags: {
    list: defineContract('dataset.tags.list', Services.dataset, knowledge()),
    create: defineContract('dataset.tags.create', Services.dataset, knowledge({ body: tagCreateSchema })),
    update: defineContract('dataset.tags.update', Services.dataset, knowledge({ body: tagUpdateSchema })),
    delete: defineContract('dataset.tags.delete', Services.dataset, knowledge({ body: tagDeleteSchema })),
    bind: defineContract('dataset.tags.bind', Services.dataset, knowledge({ body: tagBindSchema })),
    unbind: defineContract('dataset.tags.unbind', Services.dataset, knowledge({ body: tagUnbindSchema })),
    ofDataset: defineContract('dataset.tags.of-dataset', Services.dataset, knowledge()),
  },
  /** `GET /v1/workspaces/current/models/model-types/{type}`: models a dataset can use. */
  modelsByType: defineContract('dataset.models.by-type', Services.dataset, knowledge()),
  /**
   * Hit testing / retrieval on one dataset (Service API `retrieve`, `hit-testing`; the console's). The
   * body is validated after the query's own check, whose message Dify words itself, and before the dataset is looked up.
   */
  hitTesting: defineContract('dataset.hit-testing', Services.dataset, knowledge({ body: afterLookup(hitTestingBodySchema) }).extend({ datasetId: z.string() })),
  /** Retrieval across datasets for chat apps and knowledge-retrieval nodes: returns RetrieverResource[]. */
  retrieve: defineContract('dataset.retrieve', Services.dataset, retrieveRequestSchema, reply<RetrieverResource[]>()),
  /** Console pages beyond the Service API's: indexing estimate, segment batches, tags. */
  console: {
    indexingEstimate: defineContract('dataset.console.indexing-estimate', Services.dataset, knowledge({ body: indexingEstimateSchema })),
    builtInFields: defineContract('dataset.console.metadata.built-in', Services.dataset, knowledge()),
    segmentCreate: defineContract('dataset.console.segment.create', Services.dataset, knowledge({ body: consoleSegmentSchema.required({ content: true }) })),
    segmentUpdate: defineContract('dataset.console.segment.update', Services.dataset, knowledge({ body: consoleSegmentSchema })),
    /** The action is checked before the ids (an unknown action wins over an empty list). */
    segmentsStatus: defineContract('dataset.console.segments.status', Services.dataset, knowledge({ body: afterLookup(segmentIdsSchema) })),
    segmentsDelete: defineContract('dataset.console.segments.delete', Services.dataset, knowledge({ body: segmentIdsSchema })),
    tagsList: defineContract('dataset.console.tags.list', Services.dataset, knowledge()),
    tagCreate: defineContract('dataset.console.tags.create', Services.dataset, knowledge({ body: knowledgeTagBody(tagCreateSchema) })),
    tagUpdate: defineContract('dataset.console.tags.update', Services.dataset, knowledge({ body: tagCreateSchema })),
    tagDelete: defineContract('dataset.console.tags.delete', Services.dataset, knowledge()),
    tagBind: defineContract('dataset.console.tags.bind', Services.dataset, knowledge({ body: knowledgeTagBody(tagBindSchema) })),
    tagUnbind: defineContract('dataset.console.tags.unbind', Services.dataset, knowledge({ body: knowledgeTagBody(tagUnbindSchema) })),
  },
};
