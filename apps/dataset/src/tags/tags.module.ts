import { Module } from '@nestjs/common';
import { DatasetCommonModule } from '../common/dataset-common.module';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';

/** Knowledge tags and their bindings to datasets. */
@Module({ imports: [DatasetCommonModule], controllers: [TagsController], providers: [TagsService], exports: [TagsService] })
export class TagsModule {}
