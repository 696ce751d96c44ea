import { Module } from '@nestjs/common';
import { StorageModule } from '@sluice/storage';
import { SharedTablesModule } from '../shared-tables/shared-tables.module';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';

/** Uploaded files as chat sees them: owned by their app and user, described for the model. */
@Module({ imports: [StorageModule, SharedTablesModule], controllers: [FilesController], providers: [FilesService], exports: [FilesService] })
export class FilesModule {}
