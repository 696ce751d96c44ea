import { Module } from '@nestjs/common';
import { DatasetsRepository } from './datasets.repository';
import { DocumentStateRepository } from './document-state.repository';
import { DocumentsRepository } from './documents.repository';
import { MetadataRepository } from './metadata.repository';
import { SegmentsRepository } from './segments.repository';
import { TagsRepository } from './tags.repository';

const REPOSITORIES = [DatasetsRepository, DocumentsRepository, SegmentsRepository, MetadataRepository, TagsRepository, DocumentStateRepository];

/**
 * The repositories of the knowledge tables (datasets, documents, segments, child chunks, metadata,
 * tags), the only code that writes them: the dataset service and the ingest worker import this
 * module instead of each keeping its own SQL for the same rows. Needs DatabaseModule in the app.
 */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class KnowledgeStoreModule {}
