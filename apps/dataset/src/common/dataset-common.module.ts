import { Module } from '@nestjs/common';
import { EndUserRepository, UploadFilesRepository } from '@sluice/database';
import { KnowledgeStoreModule } from '@sluice/knowledge';
import { StorageModule } from '@sluice/storage';
import { DocumentFiles } from '../documents/document-files.service';
import { DatasetAccess } from './dataset-access.service';

/** What every knowledge feature asks first: may this caller see the dataset (and document), and the uploaded files it refers to. */
@Module({
  imports: [KnowledgeStoreModule, StorageModule],
  providers: [DatasetAccess, DocumentFiles, UploadFilesRepository, EndUserRepository],
  exports: [KnowledgeStoreModule, StorageModule, DatasetAccess, DocumentFiles],
})
export class DatasetCommonModule {}
