import { Module } from '@nestjs/common';
import { DatasetCommonModule } from '../common/dataset-common.module';
import { MetadataController } from './metadata.controller';
import { MetadataService } from './metadata.service';

/** A dataset's metadata fields and the values documents carry. */
@Module({ imports: [DatasetCommonModule], controllers: [MetadataController], providers: [MetadataService] })
export class MetadataModule {}
